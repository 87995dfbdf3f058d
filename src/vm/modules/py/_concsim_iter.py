# Builtins that call Python code of the user's objects, written in Python so that code runs
# as frames: an iterator whose __next__ blocks (a pool's imap) or a __str__ that blocks (a
# manager's proxy) works as in CPython.


def list_of(it):
    out = []
    for x in it:
        out.append(x)
    return out


def callable_iter(func, sentinel):
    # iter(callable, sentinel): CPython's callable_iterator, as a generator.
    if not callable(func):
        raise TypeError("iter(v, w): v must be callable")
    while True:
        value = func()
        if value == sentinel:
            return
        yield value


def tuple_of(it):
    return tuple(list_of(it))


def set_of(it):
    return set(list_of(it))


def bytes_of(obj):
    # bytes(obj): its __bytes__ if it has one, else its items.
    method = getattr(type(obj), "__bytes__", None)
    if method is None:
        return bytes(list_of(obj))
    r = method(obj)
    if not isinstance(r, bytes):
        raise TypeError("__bytes__ returned non-bytes (type %s)" % type(r).__name__)
    return r


def sorted_of(it, key=None, reverse=False):
    return sorted(list_of(it), key=key, reverse=reverse)


def sum_of(it, start=0):
    return sum(list_of(it), start)


def sum_rest(it, total, item):
    # sum(generator) from its first item that is not a number (the VM added the numbers
    # before it, keeping the generator's frame running): the rest with Python's `+`.
    total = total + item
    for x in it:
        total = total + x
    return total


_MISSING = object()


def next_of(it, default=_MISSING):
    try:
        return type(it).__next__(it)
    except StopIteration:
        if default is _MISSING:
            raise
        return default


def str_of(obj):
    cls = type(obj)
    if cls.__str__ is object.__str__:
        return repr_of(obj)
    r = cls.__str__(obj)
    if type(r) is not str:
        raise TypeError("__str__ returned non-string (type %s)" % type(r).__name__)
    return r


def repr_of(obj):
    r = type(obj).__repr__(obj)
    if type(r) is not str:
        raise TypeError("__repr__ returned non-string (type %s)" % type(r).__name__)
    return r


def print_of(*args, sep=" ", end="\n", file=None, flush=False):
    print((" " if sep is None else sep).join([str(a) for a in args]), end=end, file=file, flush=flush)


def len_of(obj):
    r = type(obj).__len__(obj)
    if type(r) is not int:
        if isinstance(r, int):
            r = int(r)
        else:
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(r).__name__)
    if r < 0:
        raise ValueError("__len__() should return >= 0")
    return r


def contains_of(container, item):
    return bool(type(container).__contains__(container, item))


def not_contains_of(container, item):
    return not type(container).__contains__(container, item)


def iter_contains_of(container, item):
    # `item in it` for an object with no __contains__: its items until one is equal.
    for x in container:
        if x is item or x == item:
            return True
    return False


def iter_not_contains_of(container, item):
    return not iter_contains_of(container, item)


_BINARY = {
    "__add__": lambda a, b: a + b,
    "__sub__": lambda a, b: a - b,
    "__mul__": lambda a, b: a * b,
    "__matmul__": lambda a, b: a @ b,
    "__truediv__": lambda a, b: a / b,
    "__floordiv__": lambda a, b: a // b,
    "__mod__": lambda a, b: a % b,
    "__pow__": lambda a, b: a ** b,
    "__lshift__": lambda a, b: a << b,
    "__rshift__": lambda a, b: a >> b,
    "__and__": lambda a, b: a & b,
    "__or__": lambda a, b: a | b,
    "__xor__": lambda a, b: a ^ b,
}


def inplace_of(a, b, iname, name):
    r = getattr(type(a), iname)(a, b)
    if r is NotImplemented:
        return _BINARY[name](a, b)
    return r


def setattr_of(obj, name, value):
    if not isinstance(name, str):
        raise TypeError("attribute name must be string, not '%s'" % type(name).__name__)
    type(obj).__setattr__(obj, name, value)


def getattr_of(obj, name, *default):
    if not isinstance(name, str):
        raise TypeError("attribute name must be string, not '%s'" % type(name).__name__)
    try:
        return object.__getattribute__(obj, name)
    except AttributeError:
        pass
    try:
        return type(obj).__getattr__(obj, name)
    except AttributeError:
        if default:
            return default[0]
        raise


def all_of(it):
    for x in it:
        if not x:
            return False
    return True


def any_of(it):
    for x in it:
        if x:
            return True
    return False


# zip, map, filter and enumerate over an iterator written in Python (a generator, an
# executor's map): generators of this module, so each item is asked for as a frame of the
# running thread and may block. They stop as CPython's do: at the shortest input. (Their repr
# and type are a generator's, not CPython's zip/map/filter/enumerate objects.)
def zip_of(*iterables, strict=False):
    its = [iter(x) for x in iterables]
    if not its:
        return
    while True:
        items = []
        for i, it in enumerate(its):
            try:
                items.append(next(it))
            except StopIteration:
                if strict:
                    _check_strict(its, i)
                return
        yield tuple(items)


def _check_strict(its, i):
    # zip(strict=True): CPython's messages for inputs of different lengths.
    if i:
        plural = " " if i == 1 else "s 1-"
        raise ValueError("zip() argument %d is shorter than argument%s%d" % (i + 1, plural, i)) from None
    for j, other in enumerate(its[1:], 1):
        try:
            next(other)
        except StopIteration:
            continue
        plural = " " if j == 1 else "s 1-"
        raise ValueError("zip() argument %d is longer than argument%s%d" % (j + 1, plural, j)) from None


def map_of(func, *iterables):
    its = [iter(x) for x in iterables]
    while True:
        args = []
        for it in its:
            try:
                args.append(next(it))
            except StopIteration:
                return
        yield func(*args)


def filter_of(func, iterable):
    for x in iterable:
        if (func(x) if func is not None else x):
            yield x


def enumerate_of(iterable, start=0):
    n = start
    for x in iterable:
        yield n, x
        n += 1


# Builtins that consume a whole iterable natively (max, min, dict, frozenset, str.join,
# list.extend, set.update...): the VM calls them through `gather_call` when such an argument
# is a generator or an object iterated in Python, so its items are taken here, as frames
# that may block, and the builtin then runs over a list. `lists` names the arguments gathered
# into lists, `maps` those read as CPython's dict() reads them (keys() and [k] when the object
# has `keys`, else its (key, value) pairs).
def gather_call(func, lists, maps, *args, **kw):
    args = list(args)
    for i in lists:
        args[i] = list_of(args[i])
    for i in maps:
        args[i] = mapping_of(args[i])
    return func(*args, **kw)


def mapping_of(obj):
    if hasattr(obj, "keys"):
        out = {}
        for k in obj.keys():
            out[k] = obj[k]
        return out
    return list_of(obj)


def take_of(it, n):
    # The items `a, b = it` takes: n, and one more to see there are not too many (an endless
    # iterator is not drained).
    out = []
    for x in it:
        out.append(x)
        if len(out) > n:
            break
    return out


def call_star_of(func, args, kwargs):
    # f(*it) where `it` is iterated in Python.
    if kwargs is None:
        return func(*list_of(args))
    return func(*list_of(args), **kwargs)


def extend_into(target, it):
    # `[*it]`, `f(a, *it)`: LIST_EXTEND with an iterator run in Python.
    target.extend(list_of(it))


def unpack_of(it, n):
    # `a, b = it`, with CPython's messages.
    out = take_of(it, n)
    if len(out) > n:
        raise ValueError("too many values to unpack (expected %d)" % n)
    if len(out) < n:
        raise ValueError("not enough values to unpack (expected %d, got %d)" % (n, len(out)))
    return out


def unpack_ex_of(it, before, after):
    # `a, *rest, b = it`.
    items = list_of(it)
    if len(items) < before + after:
        raise ValueError("not enough values to unpack (expected at least %d, got %d)"
                         % (before + after, len(items)))
    mid = len(items) - after
    return items[:before] + [items[before:mid]] + items[mid:]
