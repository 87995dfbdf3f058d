# concsim's ctypes: the part multiprocessing.sharedctypes programs use, in CPython 3.11's
# design and messages (Linux x86-64 sizes): the simple types (c_int, c_long, c_double, c_char,
# c_bool...), Structure with _fields_, arrays of a type (c_int * 3), sizeof and alignment.
# An object holds Python values, not bytes: concsim has no foreign memory. What needs it
# (CDLL, pointers, byref, cast...) raises "concsim does not support ctypes.X yet".
# Invariant: a value stored in a field, an object or an array is what CPython would read back
# (integers wrap to their width, a c_float is rounded to single precision, a c_char is bytes).

__all__ = ["Structure", "sizeof", "alignment"]


class ArgumentError(Exception):
    pass


def _float32(x):
    # Round to the nearest single-precision float (ties to even), as a C float stores it.
    if x != x or x in (float("inf"), float("-inf")) or x == 0:
        return x
    import math
    m, e = math.frexp(x)
    if e < -125:
        scale = 2.0 ** 149
        return round(x * scale) / scale
    m = round(m * 16777216) / 16777216
    r = math.ldexp(m, e)
    if abs(r) >= 3.4028235677973366e38:
        return float("inf") if r > 0 else float("-inf")
    return r


def _convert(code, v):
    # What storing v in a C object of type code keeps (CPython's setfunc of each format).
    if code in _INT_BITS:
        if isinstance(v, float) or not isinstance(v, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
        bits = _INT_BITS[code]
        v = int(v) & ((1 << bits) - 1)
        if code.islower() and v >= 1 << (bits - 1):
            v -= 1 << bits
        return v
    if code in ("d", "f"):
        if not isinstance(v, (int, float)):
            raise TypeError("must be real number, not %s" % type(v).__name__)
        return _float32(float(v)) if code == "f" else float(v)
    if code == "?":
        return bool(v)
    if code == "c":
        if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 256:
            return bytes([v])
        if isinstance(v, bytes) and len(v) == 1:
            return bytes(v)
        raise TypeError("one character bytes, bytearray or integer expected")
    if code == "u":
        if not isinstance(v, str):
            raise TypeError("unicode string expected instead of %s instance" % type(v).__name__)
        if len(v) != 1:
            raise TypeError("one character unicode string expected")
        return v
    if code == "z":
        if v is not None and not isinstance(v, (bytes, int)):
            raise TypeError("bytes or integer address expected instead of %s instance" % type(v).__name__)
        return v
    if code == "Z":
        if v is not None and not isinstance(v, (str, int)):
            raise TypeError("unicode string or integer address expected instead of %s instance" % type(v).__name__)
        return v
    return v


_INT_BITS = {"b": 8, "B": 8, "h": 16, "H": 16, "i": 32, "I": 32, "l": 64, "L": 64, "q": 64, "Q": 64, "P": 64}
_SIZES = {"c": 1, "b": 1, "B": 1, "?": 1, "h": 2, "H": 2, "i": 4, "I": 4, "f": 4, "u": 4}
_DEFAULTS = {"c": b"\x00", "u": "\x00", "d": 0.0, "f": 0.0, "?": False, "z": None, "Z": None}


class _CDataType(type):
    # The metaclass of every C type: `c_int * 3` is an array type.
    def __mul__(cls, n):
        return _array_type(cls, n)


class _CData(metaclass=_CDataType):
    _b_needsfree_ = 1


class _SimpleCData(_CData):
    def __init__(self, value=None):
        self.value = _DEFAULTS.get(self._type_, 0) if value is None else value

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = _convert(self._type_, v)

    def __repr__(self):
        if self._type_ in ("z", "Z", "P"):
            return "%s(%d)" % (type(self).__name__, id(self))
        return "%s(%r)" % (type(self).__name__, self._value)

    def __bool__(self):
        return bool(self._value)


def _simple(name, code):
    size = _SIZES.get(code, 8)
    return _CDataType(name, (_SimpleCData,), {"__module__": "ctypes", "_type_": code, "_size_": size, "_align_": size})


c_byte = _simple("c_byte", "b")
c_ubyte = _simple("c_ubyte", "B")
c_short = _simple("c_short", "h")
c_ushort = _simple("c_ushort", "H")
c_int = _simple("c_int", "i")
c_uint = _simple("c_uint", "I")
c_long = _simple("c_long", "l")
c_ulong = _simple("c_ulong", "L")
c_float = _simple("c_float", "f")
c_double = _simple("c_double", "d")
c_longdouble = c_double
c_char = _simple("c_char", "c")
c_wchar = _simple("c_wchar", "u")
c_bool = _simple("c_bool", "?")
c_char_p = _simple("c_char_p", "z")
c_wchar_p = _simple("c_wchar_p", "Z")
c_void_p = _simple("c_void_p", "P")
c_longlong, c_ulonglong = c_long, c_ulong
c_int8, c_uint8, c_int16, c_uint16 = c_byte, c_ubyte, c_short, c_ushort
c_int32, c_uint32, c_int64, c_uint64 = c_int, c_uint, c_long, c_ulong
c_size_t, c_ssize_t = c_ulong, c_long

# The typecodes of multiprocessing.sharedctypes (the array module's letters).
_typecode_to_type = {
    "c": c_char, "u": c_wchar, "b": c_byte, "B": c_ubyte, "h": c_short, "H": c_ushort,
    "i": c_int, "I": c_uint, "l": c_long, "L": c_ulong, "q": c_longlong, "Q": c_ulonglong,
    "f": c_float, "d": c_double,
}


def _field_property(index, name, ftype):
    def get(self):
        return self._get(index)

    def set(self, v):
        self._set(index, v)

    return property(get, set)


class Structure(_CData):
    # Fields are properties (so a shared structure's field access may block like any shared
    # memory access in concsim); values live in _values, or in a shared array (_shared).
    _fields_ = []
    _field_list = []
    _size_ = 0
    _align_ = 1

    def __init_subclass__(cls, **kw):
        fields = cls.__dict__.get("_fields_")
        if fields is None:
            return
        offset, align = 0, 1
        names = []
        for f in fields:
            name, ftype = f[0], f[1]
            if not isinstance(ftype, type) or not hasattr(ftype, "_size_"):
                raise TypeError("second item in _fields_ tuple (index %d) must be a C type" % len(names))
            a = ftype._align_
            offset = (offset + a - 1) // a * a + ftype._size_
            align = max(align, a)
            setattr(cls, name, _field_property(len(names), name, ftype))
            names.append((name, ftype))
        cls._field_list = names
        cls._size_ = (offset + align - 1) // align * align
        cls._align_ = align

    def __init__(self, *args, **kw):
        fields = self._field_list
        if len(args) > len(fields):
            raise TypeError("too many initializers")
        self._shared = None
        self._values = [_default(t) for n, t in fields]
        for i in range(len(args)):
            setattr(self, fields[i][0], args[i])
        for k in kw:
            setattr(self, k, kw[k])

    def _get(self, i):
        if self._shared is None:
            return self._values[i]
        array, index = self._shared
        v = array._items()[index][i]
        ftype = self._field_list[i][1]
        return _from_plain(ftype, v) if issubclass(ftype, Structure) else v

    def _set(self, i, v):
        ftype = self._field_list[i][1]
        if issubclass(ftype, Structure):
            if not isinstance(v, ftype):
                raise TypeError("incompatible types, %s instance instead of %s instance" % (type(v).__name__, ftype.__name__))
            v = _from_plain(ftype, _to_plain(v))
        else:
            v = _convert(ftype._type_, v)
        if self._shared is None:
            self._values[i] = v
        else:
            array, index = self._shared
            array._set_field(index, i, _to_plain(v) if isinstance(v, Structure) else v)


def _default(t):
    if issubclass(t, Structure):
        return t()
    return _DEFAULTS.get(t._type_, 0)


def _to_plain(s):
    # A structure's field values as a list (nested structures as lists): what a shared array
    # keeps and a channel carries.
    return [_to_plain(s._get(i)) if isinstance(s._get(i), Structure) else s._get(i) for i in range(len(s._field_list))]


def _from_plain(cls, values):
    s = cls()
    for i in range(len(values)):
        ftype = cls._field_list[i][1]
        s._values[i] = _from_plain(ftype, values[i]) if issubclass(ftype, Structure) else values[i]
    return s


class Array(_CData):
    def __init__(self, *args):
        if len(args) > self._length_:
            raise IndexError("indices must be integers")
        self._items = [_default(self._type_) for i in range(self._length_)]
        for i in range(len(args)):
            self[i] = args[i]

    def __len__(self):
        return self._length_

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError("indices must be integers")
        if i < 0:
            i += self._length_
        if not 0 <= i < self._length_:
            raise IndexError("invalid index")
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._items[k] for k in range(self._length_)[i]]
        return self._items[self._index(i)]

    def __setitem__(self, i, v):
        t = self._type_
        self._items[self._index(i)] = v if issubclass(t, Structure) else _convert(t._type_, v)

    def __iter__(self):
        return iter(list(self._items))


_array_types = {}


def _array_type(t, n):
    if not isinstance(n, int) or n < 0:
        raise ValueError("Array length must be >= 0, not %s" % n)
    key = (t, n)
    if key not in _array_types:
        name = "%s_Array_%d" % (t.__name__, n)
        _array_types[key] = _CDataType(name, (Array,), {"_type_": t, "_length_": n, "_size_": t._size_ * n, "_align_": t._align_})
    return _array_types[key]


def sizeof(obj_or_type):
    t = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    size = getattr(t, "_size_", None)
    if size is None or t in (_CData, _SimpleCData, Array):
        raise TypeError("this type has no size")
    return size


def alignment(obj_or_type):
    t = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    a = getattr(t, "_align_", None)
    if a is None:
        raise TypeError("no alignment info")
    return a


def _unsupported(name):
    def unsupported(*args, **kw):
        raise NotImplementedError("concsim does not support ctypes.%s yet" % name)
    return unsupported


CDLL = _unsupported("CDLL")
PyDLL = _unsupported("PyDLL")
LibraryLoader = _unsupported("LibraryLoader")
POINTER = _unsupported("POINTER")
pointer = _unsupported("pointer")
byref = _unsupported("byref")
cast = _unsupported("cast")
addressof = _unsupported("addressof")
memmove = _unsupported("memmove")
memset = _unsupported("memset")
string_at = _unsupported("string_at")
wstring_at = _unsupported("wstring_at")
create_string_buffer = _unsupported("create_string_buffer")
create_unicode_buffer = _unsupported("create_unicode_buffer")
CFUNCTYPE = _unsupported("CFUNCTYPE")
PYFUNCTYPE = _unsupported("PYFUNCTYPE")
get_errno = _unsupported("get_errno")
set_errno = _unsupported("set_errno")
resize = _unsupported("resize")


def __getattr__(name):
    if name in ("cdll", "pydll", "pythonapi", "Union", "BigEndianStructure", "LittleEndianStructure", "c_buffer"):
        raise NotImplementedError("concsim does not support ctypes.%s yet" % name)
    raise AttributeError("module 'ctypes' has no attribute '%s'" % name)
