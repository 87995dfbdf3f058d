# concsim's multiprocessing.shared_memory: SharedMemory(name=None, create=False, size=0) and
# ShareableList, in CPython 3.11's design, shared by every process of the machine (forked,
# multiprocessing's children, and those that attach by name or unpickle one).
# A segment's bytes are a kernel channel holding the list of their values, as
# multiprocessing.sharedctypes keeps a shared array; its name (psm_ and 8 hex digits when
# created without one) is a file /dev/shm/NAME of the machine holding the channel's id and
# the size, so attaching by name, FileExistsError and FileNotFoundError work across
# processes as POSIX shm_open's do. The VM has no memoryview: shm.buf is a _SharedBuffer
# standing for it (len, indexing, slicing to views, slice assignment of bytes of the same
# length, iteration, bytes(), tobytes(), tolist(), hex(), release()).
# Invariant: one read or write of the buffer (an item or a slice) is one atomic channel
# step: reads put the same list back, writes replace the items they cover.
# Not supported: memoryview casts, == (NotImplementedError: compare bytes(buf)), `in`,
# BufferError for views still exported at close(), the resource tracker's leak warnings.

import os
import _concsim as _thread
from struct import pack as _pack, unpack_from as _unpack_from, calcsize as _calcsize

__all__ = ["SharedMemory", "ShareableList"]

_DIR = "/dev/shm/"
_O_RELEASED = "operation forbidden on released memoryview object"


class _SharedBuffer:
    # A memoryview (format 'B') over a segment's items self._range.
    def __init__(self, chan, rng):
        self._chan = chan
        self._range = rng

    def _items(self):
        if self._chan is None:
            raise ValueError(_O_RELEASED)
        ok, items = _thread.chan_get(self._chan)
        _thread.chan_put(self._chan, items)
        return items

    def _check(self):
        if self._chan is None:
            raise ValueError(_O_RELEASED)

    def __len__(self):
        self._check()
        return len(self._range)

    @property
    def nbytes(self):
        return len(self)

    format = "B"
    itemsize = 1
    ndim = 1
    readonly = False

    def _index(self, i):
        self._check()
        if not hasattr(type(i), "__index__"):
            raise TypeError("memoryview: invalid slice key")
        try:
            return self._range[i]
        except IndexError:
            raise IndexError("index out of bounds on dimension 1") from None

    def __getitem__(self, i):
        if isinstance(i, slice):
            self._check()
            return _SharedBuffer(self._chan, self._range[i])
        return self._items()[self._index(i)]

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            self._check()
            where = self._range[i]
            if isinstance(value, (_SharedBuffer, bytearray, memoryview)):
                value = bytes(value)
            if not isinstance(value, bytes):
                raise TypeError("a bytes-like object is required, not '%s'" % type(value).__name__)
            if len(value) != len(where):
                raise ValueError("memoryview assignment: lvalue and rvalue have different structures")
            values = list(value)
        else:
            where = [self._index(i)]
            if not isinstance(value, int):
                raise TypeError("memoryview: invalid type for format 'B'")
            if not 0 <= value < 256:
                raise ValueError("memoryview: invalid value for format 'B'")
            values = [value]
        ok, items = _thread.chan_get(self._chan)
        for k in range(len(values)):
            items[where[k]] = values[k]
        _thread.chan_put(self._chan, items)

    def tolist(self):
        items = self._items()
        return [items[k] for k in self._range]

    def __iter__(self):
        return iter(self.tolist())

    def tobytes(self, order=None):
        return bytes(self.tolist())

    __bytes__ = tobytes

    def hex(self, *args):
        return self.tobytes().hex(*args)

    def __eq__(self, other):
        # The VM runs __eq__ nested, where the channel cannot be read.
        raise NotImplementedError("concsim does not support comparing shared memory's buffer yet "
                                  "(compare bytes(buf))")

    def __hash__(self):
        raise ValueError("cannot hash writable memoryview object")

    def release(self):
        self._chan = None

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        return "<%smemory at %s>" % ("released " if self._chan is None else "", hex(id(self)))


def _make_filename():
    import secrets
    return "psm_" + secrets.token_hex(4)


class SharedMemory:
    _name = None
    _buf = None
    _chan = None

    def __init__(self, name=None, create=False, size=0):
        if not size >= 0:
            raise ValueError("'size' must be a positive integer")
        if create and size == 0:
            raise ValueError("'size' must be a positive number different from zero")
        if name is None and not create:
            raise ValueError("'name' can only be None if create=True")
        if create:
            os.makedirs(_DIR, exist_ok=True)
            chan = _thread.chan_new(1)
            while True:
                fresh = name is None
                if fresh:
                    name = _make_filename()
                try:
                    with open(_DIR + name, "x") as f:
                        f.write("%d %d" % (chan, size))
                    break
                except FileExistsError:
                    if not fresh:
                        _thread.chan_close(chan)
                        raise FileExistsError(17, "File exists", "/" + name) from None
                    name = None
            _thread.chan_put(chan, [0] * size)
        else:
            try:
                with open(_DIR + name) as f:
                    chan, size = [int(x) for x in f.read().split()]
            except FileNotFoundError:
                raise FileNotFoundError(2, "No such file or directory", "/" + name) from None
        self._name = "/" + name
        self._chan = chan
        self._size = size
        self._buf = _SharedBuffer(chan, range(size))

    def __reduce__(self):
        return (self.__class__, (self.name, False, self.size))

    def __repr__(self):
        return "%s(%r, size=%d)" % (self.__class__.__name__, self.name, self.size)

    @property
    def buf(self):
        return self._buf

    @property
    def name(self):
        return self._name[1:]

    @property
    def size(self):
        return self._size

    def close(self):
        if self._buf is not None:
            self._buf.release()
            self._buf = None

    def unlink(self):
        if self._name:
            try:
                os.remove(_DIR + self._name[1:])
            except FileNotFoundError:
                raise FileNotFoundError(2, "No such file or directory", self._name) from None


# ShareableList's layout in the buffer, as CPython's: the item count, the items' offsets
# in the data area (N + 1 of them), the packed items (8 bytes, or a multiple of 8 for str and
# bytes), their struct formats (8 bytes each) and their back-transform codes (a byte each).
_TYPES = {int: "q", float: "d", bool: "xxxxxxx?", str: "%ds", bytes: "%ds", type(None): "xxxxxx?x"}


def _code_of(value):
    if isinstance(value, str):
        return 1
    if isinstance(value, bytes):
        return 2
    return 3 if value is None else 0


def _back(code, value):
    if code == 1:
        return value.rstrip(b"\x00").decode("utf8")
    if code == 2:
        return value.rstrip(b"\x00")
    return None if code == 3 else value


def _encoded(v):
    return v.encode("utf8") if isinstance(v, str) else v


class ShareableList:
    def __init__(self, sequence=None, *, name=None):
        if name is None or sequence is not None:
            sequence = sequence or ()
            # CPython sizes a str by its characters, not its UTF-8 bytes.
            formats = [_TYPES[type(v)] % (8 * (len(v) // 8 + 1)) if isinstance(v, (str, bytes))
                       else _TYPES[type(v)] for v in sequence]
            self._list_len = len(formats)
            self._allocated_offsets = [0]
            for fmt in formats:
                self._allocated_offsets.append(self._allocated_offsets[-1] + (8 if fmt[-1] != "s" else int(fmt[:-1])))
            size = _calcsize("q" * (self._list_len + 2) + "".join(formats)) + 9 * self._list_len
            self.shm = SharedMemory(name, create=True, size=size)
            data = _pack("q" * (self._list_len + 2), self._list_len, *self._allocated_offsets)
            data += _pack("".join(formats), *[_encoded(v) for v in sequence])
            data += _pack("8s" * self._list_len, *[f.encode("utf8") for f in formats])
            data += _pack("b" * self._list_len, *[_code_of(v) for v in sequence])
            self.shm.buf[:len(data)] = data
        else:
            self.shm = SharedMemory(name)
            self._list_len = len(self)
            self._allocated_offsets = list(_unpack_from("q" * (self._list_len + 1), self.shm.buf.tobytes(), 8))

    @property
    def _offset_data_start(self):
        return (self._list_len + 2) * 8

    @property
    def _offset_packing_formats(self):
        return self._offset_data_start + self._allocated_offsets[-1]

    def _get_packing_format(self, position, data=None):
        position = position if position >= 0 else position + self._list_len
        if position >= self._list_len or position < 0:
            raise IndexError("Requested position out of range.")
        data = data or self.shm.buf.tobytes()
        return _unpack_from("8s", data, self._offset_packing_formats + position * 8)[0].rstrip(b"\x00").decode("utf8")

    def __getitem__(self, position):
        position = position if position >= 0 else position + self._list_len
        data = self.shm.buf.tobytes()
        try:
            fmt = self._get_packing_format(position, data)
        except IndexError:
            raise IndexError("index out of range") from None
        v = _unpack_from(fmt, data, self._offset_data_start + self._allocated_offsets[position])[0]
        return _back(data[self._offset_packing_formats + self._list_len * 8 + position], v)

    def __setitem__(self, position, value):
        position = position if position >= 0 else position + self._list_len
        try:
            current = self._get_packing_format(position)
        except IndexError:
            raise IndexError("assignment index out of range") from None
        offset = self._offset_data_start + self._allocated_offsets[position]
        if not isinstance(value, (str, bytes)):
            fmt = _TYPES[type(value)]
        else:
            allocated = self._allocated_offsets[position + 1] - self._allocated_offsets[position]
            if len(_encoded(value)) > allocated:
                raise ValueError("bytes/str item exceeds available storage")
            fmt = current if current[-1] == "s" else "%ds" % allocated
        buf = self.shm.buf
        at = self._offset_packing_formats + position * 8
        buf[at:at + 8] = _pack("8s", fmt.encode("utf8"))
        buf[self._offset_packing_formats + self._list_len * 8 + position] = _code_of(value)
        packed = _pack(fmt, _encoded(value))
        buf[offset:offset + len(packed)] = packed

    def __reduce__(self):
        from functools import partial
        return partial(self.__class__, name=self.shm.name), ()

    def __len__(self):
        return _unpack_from("q", self.shm.buf.tobytes(), 0)[0]

    def __repr__(self):
        return "%s(%s, name=%r)" % (self.__class__.__name__, list(self), self.shm.name)

    def __iter__(self):
        return iter([self[k] for k in range(self._list_len)])

    @property
    def format(self):
        data = self.shm.buf.tobytes()
        return "".join(self._get_packing_format(k, data) for k in range(self._list_len))

    def count(self, value):
        return sum(value == entry for entry in self)

    def index(self, value):
        for position, entry in enumerate(self):
            if value == entry:
                return position
        raise ValueError(f"{value!r} not in this container")
