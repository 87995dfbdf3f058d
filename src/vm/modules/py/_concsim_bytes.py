# concsim's bytearray and memoryview (the builtins names resolve here lazily, see LAZY in
# src/vm/import.rs), with CPython's reprs and messages.
# Invariant: a bytearray's contents are the list of ints 0..255 in _b, changed only by its own
# methods; a memoryview reads its object's bytes through _get() each time, so it sees later
# changes to a bytearray, as CPython's does.
# Not supported: the buffer protocol beyond these two (struct.pack_into, readinto), memoryview
# of other objects, multi-dimensional views and most cast formats (only 'B', 'b' and 'c').


def _byte(v):
    if not isinstance(v, int):
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
    if not 0 <= v < 256:
        raise ValueError("byte must be in range(0, 256)")
    return int(v)


def _data(v):
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v)
    raise TypeError(f"a bytes-like object is required, not '{type(v).__name__}'")


def _ints(source):
    if isinstance(source, (bytes, bytearray, memoryview)):
        return list(bytes(source))
    if isinstance(source, str):
        raise TypeError("string argument without an encoding")
    if isinstance(source, int):
        if source < 0:
            raise ValueError("negative count")
        return [0] * source
    try:
        it = iter(source)
    except TypeError:
        raise TypeError(f"cannot convert '{type(source).__name__}' object to bytearray") from None
    return [_byte(v) for v in it]


class bytearray:
    __module__ = "builtins"
    __hash__ = None

    def __init__(self, source=None, encoding=None, errors="strict"):
        if isinstance(source, str):
            if encoding is None:
                raise TypeError("string argument without an encoding")
            self._b = list(source.encode(encoding, errors))
        elif source is None:
            self._b = []
        else:
            self._b = _ints(source)

    def __bytes__(self):
        return bytes(self._b)

    def __repr__(self):
        return f"bytearray({bytes(self._b)!r})"

    def __len__(self):
        return len(self._b)

    def __iter__(self):
        return iter(list(self._b))

    def __contains__(self, x):
        if isinstance(x, int):
            return _byte(x) in self._b
        return _data(x) in bytes(self._b)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return bytearray(self._b[i])
        if not isinstance(i, int):
            raise TypeError(f"bytearray indices must be integers or slices, not {type(i).__name__}")
        if not -len(self._b) <= i < len(self._b):
            raise IndexError("bytearray index out of range")
        return self._b[i]

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if isinstance(v, int):
                raise TypeError("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
            self._b[i] = _ints(v)
            return
        if not isinstance(i, int):
            raise TypeError(f"bytearray indices must be integers or slices, not {type(i).__name__}")
        if not -len(self._b) <= i < len(self._b):
            raise IndexError("bytearray index out of range")
        self._b[i] = _byte(v)

    def __delitem__(self, i):
        if not isinstance(i, (int, slice)):
            raise TypeError(f"bytearray indices must be integers or slices, not {type(i).__name__}")
        if isinstance(i, int) and not -len(self._b) <= i < len(self._b):
            raise IndexError("bytearray index out of range")
        del self._b[i]

    def __eq__(self, other):
        if isinstance(other, (bytes, bytearray, memoryview)):
            return bytes(self._b) == bytes(other)
        return NotImplemented

    def __lt__(self, other):
        return bytes(self._b) < _data(other)

    def __add__(self, other):
        if not isinstance(other, (bytes, bytearray, memoryview)):
            raise TypeError(f"can't concat {type(other).__name__} to bytearray")
        return bytearray(self._b + list(bytes(other)))

    def __radd__(self, other):
        if isinstance(other, bytes):
            return other + bytes(self._b)
        return NotImplemented

    def __iadd__(self, other):
        if not isinstance(other, (bytes, bytearray, memoryview)):
            raise TypeError(f"can't concat {type(other).__name__} to bytearray")
        self._b.extend(bytes(other))
        return self

    def __mul__(self, n):
        return bytearray(self._b * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self._b *= n
        return self

    def append(self, v):
        self._b.append(_byte(v))

    def extend(self, it):
        if isinstance(it, str):
            raise TypeError("expected iterable of integers; got: 'str'")
        self._b.extend(_ints(it))

    def insert(self, i, v):
        self._b.insert(i, _byte(v))

    def pop(self, i=-1):
        if not self._b:
            raise IndexError("pop from empty bytearray")
        if not -len(self._b) <= i < len(self._b):
            raise IndexError("pop index out of range")
        return self._b.pop(i)

    def remove(self, v):
        v = _byte(v)
        if v not in self._b:
            raise ValueError("value not found in bytearray")
        self._b.remove(v)

    def clear(self):
        self._b.clear()

    def reverse(self):
        self._b.reverse()

    def copy(self):
        return bytearray(self._b)

    def decode(self, encoding="utf-8", errors="strict"):
        return bytes(self._b).decode(encoding, errors)

    def hex(self, *args):
        return bytes(self._b).hex(*args)

    @classmethod
    def fromhex(cls, s):
        return cls(bytes.fromhex(s))

    def __getattr__(self, name):
        # The read-only methods of bytes (find, count, startswith, split, upper...) on a copy;
        # those returning bytes give a bytearray, as CPython's do.
        if name.startswith("_") or not hasattr(bytes, name):
            raise AttributeError(f"'bytearray' object has no attribute '{name}'")
        method = getattr(bytes(self._b), name)

        def call(*args, **kwargs):
            r = method(*args, **kwargs)
            if isinstance(r, bytes):
                return bytearray(r)
            if isinstance(r, list):
                return [bytearray(x) if isinstance(x, bytes) else x for x in r]
            if isinstance(r, tuple):
                return tuple(bytearray(x) if isinstance(x, bytes) else x for x in r)
            return r

        return call


class memoryview:
    __module__ = "builtins"

    def __init__(self, obj):
        if not isinstance(obj, (bytes, bytearray, memoryview)):
            raise TypeError(f"memoryview: a bytes-like object is required, not '{type(obj).__name__}'")
        self._obj = obj._obj if isinstance(obj, memoryview) else obj
        self._range = obj._range if isinstance(obj, memoryview) else None
        self._fmt = obj._fmt if isinstance(obj, memoryview) else "B"
        self._released = False

    def _get(self):
        if self._released:
            raise ValueError("operation forbidden on released memoryview object")
        data = bytes(self._obj)
        if self._range is not None:
            data = bytes([data[k] for k in self._range if k < len(data)])
        return data

    @property
    def obj(self):
        self._get()
        return self._obj

    @property
    def readonly(self):
        self._get()
        return not isinstance(self._obj, bytearray)

    @property
    def nbytes(self):
        return len(self._get())

    @property
    def format(self):
        return self._fmt

    @property
    def itemsize(self):
        return 1

    def __len__(self):
        return len(self._get())

    def __bytes__(self):
        return self._get()

    def tobytes(self):
        return self._get()

    def tolist(self):
        data = self._get()
        if self._fmt == "c":
            return [bytes([b]) for b in data]
        if self._fmt == "b":
            return [b - 256 if b > 127 else b for b in data]
        return list(data)

    def hex(self, *args):
        return self._get().hex(*args)

    def __iter__(self):
        return iter(self.tolist())

    def __eq__(self, other):
        if isinstance(other, (bytes, bytearray, memoryview)):
            return self._get() == bytes(other)
        return NotImplemented

    def _indices(self):
        return self._range if self._range is not None else range(len(bytes(self._obj)))

    def __getitem__(self, i):
        if isinstance(i, slice):
            self._get()
            v = memoryview(self)
            v._range = self._indices()[i]
            return v
        if not isinstance(i, int):
            raise TypeError("memoryview: invalid slice key")
        data = self._get()
        if not -len(data) <= i < len(data):
            raise IndexError("index out of bounds on dimension 1")
        return self.tolist()[i]

    def __setitem__(self, i, v):
        self._get()
        if not isinstance(self._obj, bytearray):
            raise TypeError("cannot modify read-only memory")
        idx = self._indices()
        if isinstance(i, slice):
            targets = idx[i]
            data = _data(v)
            if len(data) != len(targets):
                raise ValueError("memoryview assignment: lvalue and rvalue have different structures")
            for t, b in zip(targets, data):
                self._obj._b[t] = b
            return
        if not -len(idx) <= i < len(idx):
            raise IndexError("index out of bounds on dimension 1")
        self._obj._b[idx[i]] = _byte(v)

    def cast(self, fmt):
        if fmt not in ("B", "b", "c"):
            raise NotImplementedError(f"concsim does not support memoryview.cast('{fmt}') yet")
        v = memoryview(self)
        v._fmt = fmt
        return v

    def release(self):
        self._released = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        if self._released:
            return f"<released memory at {hex(id(self))}>"
        return f"<memory at {hex(id(self))}>"
