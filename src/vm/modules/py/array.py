# array: CPython 3.11's array.array of typed numbers (typecodes b B h H i I l L q Q f d; u
# for str items): construction from a list, bytes, str or iterable, indexing and slicing,
# append/extend/insert/pop/remove/index/count/reverse/byteswap, tolist/fromlist,
# tobytes/frombytes (native little-endian layout, as on the machines concsim simulates),
# tounicode/fromunicode, comparison, +, *, in-place forms, repr; CPython's range and type
# errors.
# Invariant: every stored item has been converted as CPython's C array stores it (ints range
# checked per typecode, 'f' items rounded to single precision), so reading an item back gives
# what CPython gives.
# Not supported: the buffer protocol (memoryview, buffer_info's real address), pickling
# arrays, slice assignment with a step.

import struct as _struct

__all__ = ["array", "ArrayType", "typecodes"]

typecodes = "bBuhHiIlLqQfd"
_SIZES = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8, "q": 8,
          "Q": 8, "f": 4, "d": 8}
# (minimum, maximum, too small message, too big message) of the integer typecodes.
_C_LONG = "Python int too large to convert to C long"
_C_ULONG = "Python int too large to convert to C unsigned long"
_NEG_U = "can't convert negative value to unsigned int"
_LIMITS = {
    "b": (-128, 127, "signed char is less than minimum", "signed char is greater than maximum"),
    "B": (0, 255, "unsigned byte integer is less than minimum",
          "unsigned byte integer is greater than maximum"),
    "h": (-32768, 32767, "signed short integer is less than minimum",
          "signed short integer is greater than maximum"),
    "H": (0, 65535, "unsigned short is less than minimum", "unsigned short is greater than maximum"),
    "i": (-2**31, 2**31 - 1, "signed integer is less than minimum",
          "signed integer is greater than maximum"),
    "I": (0, 2**32 - 1, _NEG_U, "unsigned int is greater than maximum"),
    "l": (-2**63, 2**63 - 1, _C_LONG, _C_LONG),
    "L": (0, 2**64 - 1, _NEG_U, _C_ULONG),
    "q": (-2**63, 2**63 - 1, "int too big to convert", "int too big to convert"),
    "Q": (0, 2**64 - 1, "can't convert negative int to unsigned", "int too big to convert"),
}
_STRUCT = {"b": "b", "B": "B", "h": "h", "H": "H", "i": "i", "I": "I", "l": "q", "L": "Q",
           "q": "q", "Q": "Q", "f": "f", "d": "d"}


def _convert(tc, v):
    if tc == "f" or tc == "d":
        if isinstance(v, (int, float)) or hasattr(v, "__float__"):
            v = float(v)
        else:
            raise TypeError("must be real number, not %s" % type(v).__name__)
        if tc == "f":
            v = _struct.unpack("<f", _struct.pack("<f", v))[0]
        return v
    if tc == "u":
        if not isinstance(v, str) or len(v) != 1:
            raise TypeError("array item must be unicode character")
        return v
    if not isinstance(v, int):
        if hasattr(v, "__index__"):
            v = v.__index__()
        else:
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
    v = int(v)
    lo, hi, small, big = _LIMITS[tc]
    if v < lo:
        if tc in "bBhHi" and v < -2**63:
            raise OverflowError(_C_LONG)
        raise OverflowError(small)
    if v > hi:
        if tc in "bBhHi" and v > 2**63 - 1:
            raise OverflowError(_C_LONG)
        if tc == "I" and v > 2**64 - 1:
            raise OverflowError(_C_ULONG)
        raise OverflowError(big)
    return v


class array:
    def __init__(self, typecode, initializer=None, /):
        if not isinstance(typecode, str) or len(typecode) != 1:
            raise TypeError("array() argument 1 must be a unicode character, not %s"
                            % type(typecode).__name__)
        if typecode not in _SIZES:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self._tc = typecode
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, str):
            if typecode != "u":
                raise TypeError("cannot use a str to initialize an array with typecode '%s'"
                                % typecode)
            self._items = list(initializer)
        elif isinstance(initializer, bytes):
            self.frombytes(initializer)
        elif isinstance(initializer, array):
            if initializer._tc == "u" and typecode != "u":
                raise TypeError("cannot use a unicode array to initialize an array with "
                                "typecode '%s'" % typecode)
            self.extend(list(initializer))
        else:
            self.extend(initializer)

    typecode = property(lambda self: self._tc)
    itemsize = property(lambda self: _SIZES[self._tc])

    def _new(self, items):
        a = array(self._tc)
        a._items = items
        return a

    def append(self, v):
        self._items.append(_convert(self._tc, v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable._tc != self._tc:
                raise TypeError("can only extend with array of same kind")
            self._items.extend(iterable._items)
            return
        for v in iterable:
            self._items.append(_convert(self._tc, v))

    def fromlist(self, lst):
        if not isinstance(lst, list):
            raise TypeError("arg must be list")
        items = [_convert(self._tc, v) for v in lst]
        self._items.extend(items)

    def tolist(self):
        return list(self._items)

    def _fmt(self, n):
        return "<%d%s" % (n, _STRUCT[self._tc])

    def tobytes(self):
        if self._tc == "u":
            return b"".join(ord(c).to_bytes(4, "little") for c in self._items)
        return _struct.pack(self._fmt(len(self._items)), *self._items)

    def frombytes(self, data):
        if not isinstance(data, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        size = _SIZES[self._tc]
        if len(data) % size:
            raise ValueError("bytes length not a multiple of item size")
        n = len(data) // size
        if self._tc == "u":
            self._items.extend(chr(int.from_bytes(data[i * 4:i * 4 + 4], "little"))
                               for i in range(n))
        else:
            self._items.extend(_struct.unpack(self._fmt(n), data))

    def tounicode(self):
        if self._tc != "u":
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return "".join(self._items)

    def fromunicode(self, s):
        if self._tc != "u":
            raise ValueError("fromunicode() may only be called on unicode type arrays")
        self._items.extend(s)

    def insert(self, i, v):
        self._items.insert(i, _convert(self._tc, v))

    def pop(self, i=-1):
        if not self._items:
            raise IndexError("pop from empty array")
        try:
            return self._items.pop(i)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, v):
        for k, x in enumerate(self._items):
            if x == v:
                del self._items[k]
                return
        raise ValueError("array.remove(x): x not in array")

    def index(self, v, start=0, stop=None):
        n = len(self._items)
        stop = n if stop is None else stop
        for k in range(*slice(start, stop).indices(n)):
            if self._items[k] == v:
                return k
        raise ValueError("array.index(x): x not in array")

    def count(self, v):
        return sum(1 for x in self._items if x == v)

    def reverse(self):
        self._items.reverse()

    def byteswap(self):
        size = _SIZES[self._tc]
        if size == 1:
            return
        data = self.tobytes()
        swapped = b"".join(data[i:i + size][::-1] for i in range(0, len(data), size))
        self._items = []
        self.frombytes(swapped)

    def buffer_info(self):
        raise NotImplementedError("concsim does not support array.buffer_info yet (no buffer "
                                  "addresses)")

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(list(self._items))

    def __contains__(self, v):
        return v in self._items

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._new(self._items[i])
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("array index out of range") from None
        except TypeError:
            raise TypeError("array indices must be integers") from None

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError("can only assign array (not \"%s\") to array slice"
                                % type(v).__name__)
            if v._tc != self._tc:
                raise TypeError("bad argument type for built-in operation")
            self._items[i] = list(v._items)
            return
        v = _convert(self._tc, v)
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __delitem__(self, i):
        try:
            del self._items[i]
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __add__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if other._tc != self._tc:
            raise TypeError("bad argument type for built-in operation")
        return self._new(self._items + other._items)

    def __iadd__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if other._tc != self._tc:
            raise TypeError("bad argument type for built-in operation")
        self._items.extend(other._items)
        return self

    def __mul__(self, n):
        return self._new(self._items * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self._items *= n
        return self

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items == other._items

    def __ne__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items != other._items

    def __lt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items < other._items

    def __le__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items <= other._items

    def __gt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items > other._items

    def __ge__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items >= other._items

    __hash__ = None

    def __copy__(self):
        return self._new(list(self._items))

    def __deepcopy__(self, memo):
        return self._new(list(self._items))

    def __repr__(self):
        if not self._items:
            return "array('%s')" % self._tc
        if self._tc == "u":
            return "array('u', %r)" % "".join(self._items)
        return "array('%s', %r)" % (self._tc, self._items)


ArrayType = array
