# concsim's mmap: anonymous maps (mmap.mmap(-1, length)), CPython 3.11's API and messages.
# A shared map (MAP_SHARED, the default) is a kernel channel holding its bytes, so processes
# forked after it was made see each other's writes; a private one (MAP_PRIVATE, ACCESS_COPY)
# keeps its bytes in the heap, which fork copies. Maps of files are not supported yet.
# Invariant: the position is each object's own (a forked child's copy moves on its own, as
# CPython's does); every read or write of the bytes is one atomic channel step.

import _concsim as _thread

PAGESIZE = 4096
ALLOCATIONGRANULARITY = 4096
MAP_SHARED = 1
MAP_PRIVATE = 2
MAP_ANONYMOUS = MAP_ANON = 32
PROT_READ = 1
PROT_WRITE = 2
PROT_EXEC = 4
ACCESS_DEFAULT = 0
ACCESS_READ = 1
ACCESS_WRITE = 2
ACCESS_COPY = 3
error = OSError

_ACCESS_NAMES = ["ACCESS_DEFAULT", "ACCESS_READ", "ACCESS_WRITE", "ACCESS_COPY"]


class mmap:
    def __init__(self, fileno, length, flags=MAP_SHARED, prot=PROT_WRITE | PROT_READ, access=ACCESS_DEFAULT, offset=0):
        if fileno != -1:
            raise NotImplementedError("concsim does not support mmap of a file yet")
        if length < 0:
            raise OverflowError("memory mapped length must be positive")
        if offset < 0:
            raise OverflowError("memory mapped offset must be positive")
        if access != ACCESS_DEFAULT and (flags != MAP_SHARED or prot != PROT_WRITE | PROT_READ):
            raise ValueError("mmap can't specify both access and flags, prot.")
        if access not in (0, 1, 2, 3):
            raise ValueError("mmap invalid access parameter.")
        if length == 0:
            raise OSError(22, "Invalid argument")
        self._access = access
        self._readonly = access == ACCESS_READ or (access == ACCESS_DEFAULT and not prot & PROT_WRITE)
        self._length = length
        self._offset = offset
        self._pos = 0
        self._closed = False
        data = bytes(length)
        if flags & MAP_PRIVATE or access == ACCESS_COPY:
            self._id = None
            self._data = data
        else:
            self._id = _thread.chan_new(1)
            _thread.chan_put(self._id, data)

    def _check(self):
        if self._closed:
            raise ValueError("mmap closed or invalid")

    def _writable(self):
        self._check()
        if self._readonly:
            raise TypeError("mmap can't modify a readonly memory map.")

    def _bytes(self):
        self._check()
        if self._id is None:
            return self._data
        ok, data = _thread.chan_get(self._id)
        _thread.chan_put(self._id, data)
        return data

    def _store(self, start, b):
        # Writes b at start (one atomic step for a shared map).
        if self._id is None:
            self._data = self._data[:start] + b + self._data[start + len(b):]
            return
        ok, data = _thread.chan_get(self._id)
        _thread.chan_put(self._id, data[:start] + b + data[start + len(b):])

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()

    def __len__(self):
        self._check()
        return self._length

    def size(self):
        self._check()
        raise OSError(9, "Bad file descriptor")

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            where = pos
        elif whence == 1:
            where = self._pos + pos
        elif whence == 2:
            where = self._length + pos
        else:
            raise ValueError("unknown seek type")
        if not 0 <= where <= self._length:
            raise ValueError("seek out of range")
        self._pos = where

    def read(self, n=None):
        data = self._bytes()
        if n is None or n < 0:
            n = self._length
        out = data[self._pos:self._pos + n]
        self._pos += len(out)
        return out

    def read_byte(self):
        data = self._bytes()
        if self._pos >= self._length:
            raise ValueError("read byte out of range")
        self._pos += 1
        return data[self._pos - 1]

    def readline(self):
        data = self._bytes()
        end = data[self._pos:].find(b"\n")
        end = self._length if end < 0 else self._pos + end + 1
        out = data[self._pos:end]
        self._pos = end
        return out

    def write(self, b):
        if not isinstance(b, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__)
        self._writable()
        if self._pos > self._length or self._length - self._pos < len(b):
            raise ValueError("data out of range")
        self._store(self._pos, b)
        self._pos += len(b)
        return len(b)

    def write_byte(self, byte):
        self._writable()
        if self._pos >= self._length:
            raise ValueError("write byte out of range")
        self._store(self._pos, bytes([byte]))
        self._pos += 1

    def find(self, sub, start=None, end=None):
        return self._find(sub, start, end, False)

    def rfind(self, sub, start=None, end=None):
        return self._find(sub, start, end, True)

    def _find(self, sub, start, end, last):
        start, end, step = slice(self._pos if start is None else start, end).indices(self._length)
        part = self._bytes()[start:end]
        if not last:
            i = part.find(sub)
            return i if i < 0 else start + i
        for i in range(len(part) - len(sub), -1, -1):
            if part[i:i + len(sub)] == sub:
                return start + i
        return -1

    def flush(self, offset=0, size=None):
        self._check()

    def move(self, dest, src, count):
        self._writable()
        if max(dest, src) + count > self._length or min(dest, src, count) < 0:
            raise ValueError("source, destination, or count out of range")
        self._store(dest, self._bytes()[src:src + count])

    def resize(self, newsize):
        self._check()
        raise NotImplementedError("concsim does not support mmap.resize yet")

    def __getitem__(self, i):
        data = self._bytes()
        if isinstance(i, slice):
            return data[i]
        if not isinstance(i, int):
            raise TypeError("mmap indices must be integers")
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("mmap index out of range")
        return data[i]

    def __setitem__(self, i, value):
        self._writable()
        if isinstance(i, slice):
            where = range(self._length)[i]
            if not isinstance(value, bytes):
                raise TypeError("a bytes-like object is required, not '%s'" % type(value).__name__)
            if len(value) != len(where):
                raise IndexError("mmap slice assignment is wrong size")
            if i.step is None or i.step == 1:
                if len(where):
                    self._store(where[0], value)
                return
            data = list(self._bytes())
            for k in range(len(where)):
                data[where[k]] = value[k]
            self._store(0, bytes(data))
            return
        if not isinstance(i, int):
            raise TypeError("mmap indices must be integer")
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("mmap index out of range")
        if not isinstance(value, int) or not 0 <= value < 256:
            raise ValueError("mmap item value must be in range(0, 256)")
        self._store(i, bytes([value]))

    def __repr__(self):
        if self._closed:
            return "<mmap.mmap closed=True>"
        return "<mmap.mmap closed=False, access=%s, length=%d, pos=%d, offset=%d>" % (
            _ACCESS_NAMES[self._access], self._length, self._pos, self._offset)
