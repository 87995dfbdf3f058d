# concsim's struct: pack, unpack, calcsize, iter_unpack, unpack_from, the Struct class and
# struct.error, for the codes x c b B ? h H i I l L q Q n N P e f d s p under the byte
# orders @ = < > ! (native is CPython's on x86-64 Linux: little-endian, l/L/n/N/P of 8
# bytes, each code aligned to its size under '@').
# Invariant: the bytes and the errors are CPython's. Floats go through the natives
# _concsim.float_pack/float_unpack (IEEE rounding); integers through int.to_bytes.
# Buffers are bytes, and shared memory's shm.buf (multiprocessing.shared_memory), the only
# writable buffer, which pack_into writes with one slice assignment.
# Not supported: pack_into into anything else (NotImplementedError), bytearray and memoryview.

import _concsim

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from", "iter_unpack",
           "Struct", "error"]


class error(Exception):
    __module__ = "struct"


_STD = {"x": 1, "c": 1, "b": 1, "B": 1, "?": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 4,
        "L": 4, "q": 8, "Q": 8, "e": 2, "f": 4, "d": 8, "s": 1, "p": 1}
_NATIVE = dict(_STD, l=8, L=8, n=8, N=8, P=8)
_NAMED = {"b": "byte", "B": "ubyte", "h": "short", "H": "ushort"}


def _index(v):
    if isinstance(v, int):
        return int(v)
    if hasattr(type(v), "__index__"):
        return v.__index__()
    raise error("required argument is not an integer")


class Struct:
    __module__ = "_struct"

    def __init__(self, format):
        if isinstance(format, bytes):
            format = format.decode("ascii")
        elif not isinstance(format, str):
            raise TypeError("Struct() argument 1 must be a str or bytes object, not "
                            + type(format).__name__)
        self.format = format
        order = format[:1]
        if order in ("@", "=", "<", ">", "!"):
            body = format[1:]
        else:
            order, body = "@", format
        native = order == "@"
        sizes = _NATIVE if native else _STD
        self._big = order in (">", "!")
        self._native = native
        items = []
        size = 0
        i, n = 0, len(body)
        while i < n:
            c = body[i]
            if c.isspace():
                i += 1
                continue
            num = 1
            if c.isdigit():
                j = i
                while j < n and body[j].isdigit():
                    j += 1
                num = int(body[i:j])
                if j == n:
                    raise error("repeat count given without format specifier")
                i, c = j, body[j]
            if c not in sizes:
                raise error("bad char in struct format")
            isize = sizes[c]
            if native and isize > 1:
                size = (size + isize - 1) // isize * isize
            if c in "sp":
                items.append((c, num, size))
                size += num
            elif c == "x":
                size += num
            else:
                for k in range(num):
                    items.append((c, isize, size + k * isize))
                size += num * isize
            i += 1
        self.size = size
        self._items = items

    def __repr__(self):
        return "<_struct.Struct object at %s>" % hex(id(self))

    def pack(self, *args):
        items = self._items
        if len(args) != len(items):
            raise error("pack expected %d items for packing (got %d)" % (len(items), len(args)))
        out = bytes(self.size)
        parts = []
        pos = 0
        order = "big" if self._big else "little"
        for (c, n, off), v in zip(items, args):
            if off > pos:
                parts.append(out[:off - pos])
            if c in "sp":
                if not isinstance(v, bytes):
                    raise error("argument for '%s' must be a bytes object" % c)
                if c == "p":
                    k = min(len(v), n - 1, 255)
                    v = bytes([max(k, 0)]) + v[:k] if n else b""
                b = v[:n] + out[:n - len(v)] if len(v) < n else v[:n]
            elif c == "c":
                if not isinstance(v, bytes) or len(v) != 1:
                    raise error("char format requires a bytes object of length 1")
                b = v
            elif c == "?":
                b = b"\x01" if v else b"\x00"
            elif c in "efd":
                if isinstance(v, int):
                    v = float(v)
                elif not isinstance(v, float):
                    if not hasattr(type(v), "__float__"):
                        raise error("required argument is not a float")
                    v = v.__float__()
                b = _concsim.float_pack(v, n)
                if n == 4 and not self._native and v - v == 0 and b[:3] == b"\0\0\x80" \
                        and b[3] in (0x7F, 0xFF):
                    raise OverflowError("float too large to pack with f format")
                if self._big:
                    b = b[::-1]
            else:
                v = _index(v)
                signed = c.islower()
                bits = 8 * n
                lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
                if not lo <= v <= hi:
                    if c in _NAMED:
                        raise error("%s format requires %d <= number <= %d" % (_NAMED[c], lo, hi))
                    if n == 4 and (signed or v > 0):
                        raise error("'%s' format requires %d <= number <= %d" % (c, lo, hi))
                    raise error("argument out of range")
                b = v.to_bytes(n, order, signed=signed)
            parts.append(b)
            pos = off + len(b)
        if pos < self.size:
            parts.append(out[:self.size - pos])
        return b"".join(parts)

    def unpack(self, buffer):
        buffer = _check_buffer(buffer)
        if len(buffer) != self.size:
            raise error("unpack requires a buffer of %d bytes" % self.size)
        return self._unpack(buffer, 0)

    def _unpack(self, buf, base):
        out = []
        order = "big" if self._big else "little"
        for c, n, off in self._items:
            off += base
            b = buf[off:off + n]
            if c == "s":
                out.append(b)
            elif c == "p":
                out.append(b[1:1 + min(b[0], n - 1)] if n else b"")
            elif c == "c":
                out.append(b)
            elif c == "?":
                out.append(b != b"\x00")
            elif c in "efd":
                out.append(_concsim.float_unpack(b[::-1] if self._big else b))
            else:
                out.append(int.from_bytes(b, order, signed=c.islower()))
        return tuple(out)

    def unpack_from(self, buffer, offset=0):
        buffer = _check_buffer(buffer)
        size = len(buffer)
        if offset < 0:
            if offset + size < 0:
                raise error("offset %d out of range for %d-byte buffer" % (offset, size))
            offset += size
        if size - offset < self.size:
            raise error("unpack_from requires a buffer of at least %d bytes for unpacking %d "
                        "bytes at offset %d (actual buffer size is %d)"
                        % (self.size + offset, self.size, offset, size))
        return self._unpack(buffer, offset)

    def iter_unpack(self, buffer):
        buffer = _check_buffer(buffer)
        if self.size == 0:
            raise error("cannot iteratively unpack with a struct of length 0")
        if len(buffer) % self.size:
            raise error("iterative unpacking requires a buffer of a multiple of %d bytes"
                        % self.size)
        return iter([self._unpack(buffer, k) for k in range(0, len(buffer), self.size)])

    def pack_into(self, buffer, offset, *args):
        # The only writable buffer concsim has is shared memory's (shm.buf).
        if type(buffer).__name__ != "_SharedBuffer":
            raise NotImplementedError("concsim does not support struct.pack_into yet "
                                      "(it has no bytearray or memoryview)")
        size = len(buffer)
        if offset < 0:
            if offset + self.size > 0:
                raise error("no space to pack %d bytes at offset %d" % (self.size, offset))
            if offset + size < 0:
                raise error("offset %d out of range for %d-byte buffer" % (offset, size))
            offset += size
        if size - offset < self.size:
            raise error("pack_into requires a buffer of at least %d bytes for packing %d "
                        "bytes at offset %d (actual buffer size is %d)"
                        % (self.size + offset, self.size, offset, size))
        buffer[offset:offset + self.size] = self.pack(*args)


def _check_buffer(buffer):
    # bytes, or shared memory's buffer (read as the bytes it holds now).
    if type(buffer).__name__ == "_SharedBuffer":
        return buffer.tobytes()
    if not isinstance(buffer, bytes):
        raise TypeError("a bytes-like object is required, not '%s'" % type(buffer).__name__)
    return buffer


_cache = {}


def _struct(fmt):
    if not isinstance(fmt, (str, bytes)):
        return Struct(fmt)
    s = _cache.get(fmt)
    if s is None:
        s = Struct(fmt)
        if len(_cache) > 100:
            _cache.clear()
        _cache[fmt] = s
    return s


def calcsize(format):
    return _struct(format).size


def pack(format, *args):
    return _struct(format).pack(*args)


def unpack(format, buffer):
    return _struct(format).unpack(buffer)


def unpack_from(format, buffer, offset=0):
    return _struct(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer):
    return _struct(format).iter_unpack(buffer)


def pack_into(format, buffer, offset, *args):
    return _struct(format).pack_into(buffer, offset, *args)
