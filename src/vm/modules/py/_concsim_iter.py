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


def sorted_of(it, key=None, reverse=False):
    return sorted(list_of(it), key=key, reverse=reverse)


def sum_of(it, start=0):
    return sum(list_of(it), start)


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
