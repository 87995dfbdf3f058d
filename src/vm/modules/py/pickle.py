# pickle: dumps/loads/dump/load of CPython 3.11's protocols 4 and 5 (the default is 4),
# writing the bytes CPython's C pickler writes for the same object: None, bools, ints,
# floats, str, bytes, tuples, lists, dicts, sets, frozensets, classes and functions by
# reference, instances (via __reduce_ex__/__reduce__, __getstate__/__setstate__, or their
# __dict__), exceptions and concsim's namedtuples; loads reads those opcodes (and protocol
# 2/3's BINPUT/LONG_BINPUT/GLOBAL).
# Invariant: an object pickled twice in one call is written once and then fetched from the
# memo (as CPython's memo by identity), so shared and recursive structures come back shared.
# Not supported: protocols 0-3 for writing (NotImplementedError), persistent ids,
# out-of-band buffers, copyreg's dispatch table, pickling ChainMap, UserDict and UserList
# (NotImplementedError; deque, Counter, OrderedDict and defaultdict pickle as CPython's).

import _concsim
import struct as _struct

__all__ = ["PickleError", "PicklingError", "UnpicklingError", "Pickler", "Unpickler",
           "dump", "dumps", "load", "loads", "HIGHEST_PROTOCOL", "DEFAULT_PROTOCOL"]

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4
_FRAME_TARGET = 64 * 1024
_BATCH = 1000


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass


for _c in (PickleError, PicklingError, UnpicklingError):
    _c.__module__ = "_pickle"


def _pack_len(n, small, big, huge):
    if n < 256:
        return small + bytes([n])
    if n > 0xFFFFFFFF:
        return huge + n.to_bytes(8, "little")
    return big + n.to_bytes(4, "little")


def _encode_long(x):
    n = (x.bit_length() >> 3) + 1
    b = x.to_bytes(n, "little", signed=True)
    if x < 0 and n > 1 and b[-1] == 0xFF and (b[-2] & 0x80) != 0:
        b = b[:-1]
    return b


def _whichmodule(obj):
    if type(obj).__name__ == "builtin_function_or_method":
        if getattr(_concsim.import_module("builtins"), obj.__name__, None) is obj:
            return "builtins"
    return getattr(obj, "__module__", None) or "__main__"


def _collections_reduce(obj):
    # What CPython's __reduce_ex__ returns for the collections types concsim writes as
    # classes of its own (it cannot subclass dict), so their pickles are CPython's; None for
    # other objects. ChainMap, UserDict and UserList are refused (NotImplementedError).
    cls = type(obj)
    if getattr(cls, "__module__", None) != "collections":
        return None
    name = cls.__name__
    if name == "OrderedDict":
        return (cls, (), None, None, list(obj.items()))
    if name == "Counter":
        return (cls, (dict(obj.items()),))
    if name == "defaultdict":
        f = obj.default_factory
        return (cls, () if f is None else (f,), None, None, list(obj.items()))
    if name == "deque":
        if obj.maxlen is None:
            return (cls, (), None, list(obj))
        return (cls, ((), obj.maxlen), None, list(obj))
    if name in ("ChainMap", "UserDict", "UserList"):
        raise NotImplementedError("concsim's pickle does not support pickling %s objects yet"
                                  % name)
    return None


class Pickler:
    def __init__(self, file, protocol=None, *, fix_imports=True, buffer_callback=None):
        if protocol is None:
            protocol = DEFAULT_PROTOCOL
        if protocol < 0:
            protocol = HIGHEST_PROTOCOL
        elif protocol > HIGHEST_PROTOCOL:
            raise ValueError("pickle protocol must be <= %d" % HIGHEST_PROTOCOL)
        if protocol < 4:
            raise NotImplementedError("concsim's pickle writes protocols 4 and 5 only")
        self._file = file
        self.proto = protocol
        self.memo = {}

    def dump(self, obj):
        self._done = []
        self._frame = []
        self._flen = 0
        self._done.append(b"\x80" + bytes([self.proto]))
        self._save(obj)
        self._w(b".")
        self._commit()
        self._file.write(b"".join(self._done))

    def clear_memo(self):
        self.memo = {}

    def _w(self, b):
        self._frame.append(b)
        self._flen += len(b)

    def _commit(self):
        data = b"".join(self._frame)
        if len(data) >= 4:
            self._done.append(b"\x95" + len(data).to_bytes(8, "little"))
        self._done.append(data)
        self._frame = []
        self._flen = 0

    def _large(self, header, payload):
        if len(payload) >= _FRAME_TARGET:
            self._commit()
            self._done.append(header)
            self._done.append(payload)
        else:
            self._w(header)
            self._w(payload)

    def _memoize(self, obj):
        self.memo[id(obj)] = (len(self.memo), obj)
        self._w(b"\x94")

    def _save(self, obj):
        if self._flen >= _FRAME_TARGET:
            self._commit()
        t = type(obj)
        if obj is None:
            return self._w(b"N")
        if obj is True:
            return self._w(b"\x88")
        if obj is False:
            return self._w(b"\x89")
        if t is int:
            if 0 <= obj <= 0xFF:
                return self._w(b"K" + bytes([obj]))
            if 0 <= obj <= 0xFFFF:
                return self._w(b"M" + obj.to_bytes(2, "little"))
            if -0x80000000 <= obj <= 0x7FFFFFFF:
                return self._w(b"J" + obj.to_bytes(4, "little", signed=True))
            b = _encode_long(obj)
            if len(b) < 256:
                return self._w(b"\x8a" + bytes([len(b)]) + b)
            return self._w(b"\x8b" + len(b).to_bytes(4, "little") + b)
        if t is float:
            return self._w(b"G" + _struct.pack(">d", obj))
        m = self.memo.get(id(obj))
        if m is not None:
            i = m[0]
            return self._w(b"h" + bytes([i]) if i < 256 else b"j" + i.to_bytes(4, "little"))
        if t is str:
            b = obj.encode("utf-8", "surrogatepass")
            self._large(_pack_len(len(b), b"\x8c", b"X", b"\x8d"), b)
            return self._memoize(obj)
        if t is bytes:
            self._large(_pack_len(len(obj), b"C", b"B", b"\x8e"), obj)
            return self._memoize(obj)
        if t is tuple:
            n = len(obj)
            if n == 0:
                return self._w(b")")
            if n <= 3:
                for x in obj:
                    self._save(x)
                m = self.memo.get(id(obj))
                if m is not None:
                    self._w(b"0" * n)
                    i = m[0]
                    return self._w(b"h" + bytes([i]) if i < 256 else b"j" + i.to_bytes(4, "little"))
                self._w(b"\x85\x86\x87"[n - 1:n])
                return self._memoize(obj)
            self._w(b"(")
            for x in obj:
                self._save(x)
            self._w(b"t")
            return self._memoize(obj)
        if t is list:
            self._w(b"]")
            self._memoize(obj)
            return self._batch(obj, False)
        if t is dict:
            self._w(b"}")
            self._memoize(obj)
            return self._batch(list(obj.items()), True)
        if t is set:
            self._w(b"\x8f")
            self._memoize(obj)
            items = list(obj)
            i = 0
            while i < len(items):
                self._w(b"(")
                for x in items[i:i + _BATCH]:
                    self._save(x)
                self._w(b"\x90")
                i += _BATCH
            return
        if t is frozenset:
            self._w(b"(")
            for x in obj:
                self._save(x)
            self._w(b"\x91")
            return self._memoize(obj)
        if isinstance(obj, type) or t.__name__ in ("function", "builtin_function_or_method"):
            return self._save_global(obj)
        return self._save_object(obj)

    def _batch(self, items, pairs):
        n = len(items)
        if n == 0:
            return
        if n == 1:
            if pairs:
                self._save(items[0][0])
                self._save(items[0][1])
                return self._w(b"s")
            self._save(items[0])
            return self._w(b"a")
        i = 0
        while i < n:
            self._w(b"(")
            for x in items[i:i + _BATCH]:
                if pairs:
                    self._save(x[0])
                    self._save(x[1])
                else:
                    self._save(x)
            self._w(b"u" if pairs else b"e")
            i += _BATCH

    def _save_global(self, obj):
        _check(obj)
        module = _whichmodule(obj)
        name = getattr(obj, "__qualname__", None) or obj.__name__
        if module == "builtins" and name == "NoneType":
            pass
        self._save(module)
        self._save(name)
        self._w(b"\x93")
        self._memoize(obj)

    def _save_object(self, obj):
        cls = type(obj)
        reduce = _collections_reduce(obj)
        if reduce is not None:
            return self._save_reduce(obj, reduce)
        if hasattr(cls, "_fields") and hasattr(obj, "_asdict"):
            self._save_global(cls)
            self._save(tuple(obj))
            self._w(b"\x81")
            return self._memoize(obj)
        if isinstance(obj, BaseException):
            self._save_global(cls)
            self._save(obj.args)
            self._w(b"R")
            self._memoize(obj)
            d = getattr(obj, "__dict__", None)
            if d:
                self._save(d)
                self._w(b"b")
            return
        reduce = None
        for name in ("__reduce_ex__", "__reduce__"):
            f = cls.__dict__.get(name) if hasattr(cls, "__dict__") else None
            if f is None:
                for base in cls.__mro__[1:]:
                    if base is object:
                        break
                    f = base.__dict__.get(name)
                    if f is not None:
                        break
            if f is not None:
                reduce = f(obj, self.proto) if name == "__reduce_ex__" else f(obj)
                break
        if reduce is None:
            _check(obj)
            getstate = getattr(obj, "__getstate__", None)
            state = getstate() if getstate is not None else getattr(obj, "__dict__", None)
            self._save_global(cls)
            self._w(b")\x81")
            self._memoize(obj)
            if state:
                self._save(state)
                self._w(b"b")
            return
        if isinstance(reduce, str):
            return self._save_global(obj)
        return self._save_reduce(obj, reduce)

    def _save_reduce(self, obj, reduce):
        if not isinstance(reduce, tuple):
            raise PicklingError("%s must return string or tuple" % "__reduce__")
        if not 2 <= len(reduce) <= 6:
            raise PicklingError("tuple returned by %s must contain 2 through 6 elements" % "__reduce__")
        func, args = reduce[0], reduce[1]
        state = reduce[2] if len(reduce) > 2 else None
        self._save(func)
        self._save(args)
        self._w(b"R")
        self._memoize(obj)
        if len(reduce) > 3 and reduce[3] is not None:
            self._batch(list(reduce[3]), False)
        if len(reduce) > 4 and reduce[4] is not None:
            self._batch(list(reduce[4]), True)
        if state is not None:
            self._save(state)
            self._w(b"b")


def _check(obj):
    # What multiprocessing's pickling refuses (lambdas, locks, iterators), with its message.
    try:
        _concsim.pickle_check(obj)
    except Exception as e:
        if type(e).__name__ == "PicklingError":
            raise PicklingError(str(e)) from None
        raise


def _find_class(module, name):
    mod = _concsim.import_module(module)
    obj = mod
    for part in name.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise AttributeError("Can't get attribute %r on %r" % (name, mod)) from None
    return obj


class Unpickler:
    def __init__(self, file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
        self._file = file

    def find_class(self, module, name):
        return _find_class(module, name)

    def load(self):
        data = self._file.read()
        if not data:
            raise EOFError("Ran out of input")
        return self._load(data)

    def _load(self, data):
        if not isinstance(data, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        if not data:
            raise EOFError("Ran out of input")
        stack = []
        marks = []
        memo = {}
        pos = 0
        n = len(data)

        def take(k):
            nonlocal pos
            if pos + k > n:
                raise UnpicklingError("pickle data was truncated")
            b = data[pos:pos + k]
            pos += k
            return b

        def num(k):
            return int.from_bytes(take(k), "little")

        def pop_mark():
            nonlocal stack
            if not marks:
                raise UnpicklingError("could not find MARK")
            at = marks.pop()
            items = stack[at:]
            del stack[at:]
            return items

        while True:
            if pos >= n:
                raise UnpicklingError("pickle data was truncated")
            op = data[pos]
            pos += 1
            if op == 0x2E:
                if not stack:
                    raise UnpicklingError("unpickling stack underflow")
                return stack.pop()
            elif op == 0x80:
                p = take(1)[0]
                if p > HIGHEST_PROTOCOL:
                    raise ValueError("unsupported pickle protocol: %d" % p)
            elif op == 0x95:
                take(8)
            elif op == 0x4E:
                stack.append(None)
            elif op == 0x88:
                stack.append(True)
            elif op == 0x89:
                stack.append(False)
            elif op == 0x4B:
                stack.append(take(1)[0])
            elif op == 0x4D:
                stack.append(num(2))
            elif op == 0x4A:
                stack.append(int.from_bytes(take(4), "little", signed=True))
            elif op == 0x8A or op == 0x8B:
                k = take(1)[0] if op == 0x8A else num(4)
                stack.append(int.from_bytes(take(k), "little", signed=True))
            elif op == 0x47:
                stack.append(_struct.unpack(">d", take(8))[0])
            elif op in (0x8C, 0x58, 0x8D):
                k = take(1)[0] if op == 0x8C else num(4 if op == 0x58 else 8)
                stack.append(take(k).decode("utf-8", "surrogatepass"))
            elif op in (0x43, 0x42, 0x8E):
                k = take(1)[0] if op == 0x43 else num(4 if op == 0x42 else 8)
                stack.append(take(k))
            elif op == 0x29:
                stack.append(())
            elif op in (0x85, 0x86, 0x87):
                k = op - 0x84
                t = tuple(stack[-k:])
                del stack[-k:]
                stack.append(t)
            elif op == 0x28:
                marks.append(len(stack))
            elif op == 0x74:
                stack.append(tuple(pop_mark()))
            elif op == 0x5D:
                stack.append([])
            elif op == 0x61:
                v = stack.pop()
                stack[-1].append(v)
            elif op == 0x65:
                items = pop_mark()
                stack[-1].extend(items)
            elif op == 0x7D:
                stack.append({})
            elif op == 0x73:
                v = stack.pop()
                k = stack.pop()
                stack[-1][k] = v
            elif op == 0x75:
                items = pop_mark()
                d = stack[-1]
                for i in range(0, len(items), 2):
                    d[items[i]] = items[i + 1]
            elif op == 0x8F:
                stack.append(set())
            elif op == 0x90:
                items = pop_mark()
                stack[-1].update(items)
            elif op == 0x91:
                stack.append(frozenset(pop_mark()))
            elif op == 0x94:
                memo[len(memo)] = stack[-1]
            elif op in (0x71, 0x72):
                memo[take(1)[0] if op == 0x71 else num(4)] = stack[-1]
            elif op in (0x68, 0x6A):
                i = take(1)[0] if op == 0x68 else num(4)
                if i not in memo:
                    raise UnpicklingError("Memo value not found at index %d" % i)
                stack.append(memo[i])
            elif op == 0x30:
                stack.pop()
            elif op == 0x93:
                name = stack.pop()
                module = stack.pop()
                stack.append(self.find_class(module, name))
            elif op == 0x63:
                end = data.index(b"\n", pos)
                module = data[pos:end].decode("ascii")
                end2 = data.index(b"\n", end + 1)
                name = data[end + 1:end2].decode("ascii")
                pos = end2 + 1
                stack.append(self.find_class(module, name))
            elif op == 0x81:
                args = stack.pop()
                cls = stack.pop()
                if args and hasattr(cls, "_fields") and hasattr(cls, "_make"):
                    stack.append(cls._make(args))
                else:
                    stack.append(cls.__new__(cls, *args))
            elif op == 0x52:
                args = stack.pop()
                func = stack.pop()
                stack.append(func(*args))
            elif op == 0x62:
                state = stack.pop()
                inst = stack[-1]
                setstate = getattr(inst, "__setstate__", None)
                if setstate is not None:
                    setstate(state)
                else:
                    slots = None
                    if isinstance(state, tuple) and len(state) == 2:
                        state, slots = state
                    if state:
                        for k, v in state.items():
                            setattr(inst, k, v)
                    if slots:
                        for k, v in slots.items():
                            setattr(inst, k, v)
            else:
                raise UnpicklingError("invalid load key, '%s'." % chr(op))


class _Bytes:
    def __init__(self):
        self.parts = []

    def write(self, b):
        self.parts.append(b)


class _Reader:
    def __init__(self, data):
        self.data = data

    def read(self):
        return self.data


def dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    Pickler(file, protocol).dump(obj)


def dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    out = _Bytes()
    Pickler(out, protocol).dump(obj)
    return b"".join(out.parts)


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    return Unpickler(file)._load(file.read())


def loads(data, /, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    return Unpickler(_Reader(data))._load(data)
