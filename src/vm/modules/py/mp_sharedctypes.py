# concsim's multiprocessing.sharedctypes: Value, Array, RawValue and RawArray, in CPython
# 3.11's design over ctypes types (a typecode names one: 'i' is ctypes.c_int), including
# arrays of ctypes Structures. Shared memory is a kernel channel per object holding its
# value (a list of items for an array, a list of field values per structure), inherited by
# fork; multiprocessing.Value/Array/RawValue/RawArray are taken from here on first use.
# Invariant: one read or write of a value, an item or a structure's field is one atomic
# channel step, so `v.value += 1` or `a.x **= 2` races unless the caller holds the lock,
# exactly as CPython's shared memory does.

import _concsim as _thread
import ctypes
from ctypes import _convert, _to_plain, _from_plain, Structure

__all__ = ["RawValue", "RawArray", "Value", "Array", "copy", "synchronized"]

typecode_to_type = ctypes._typecode_to_type


def _type_of(typecode_or_type):
    t = typecode_to_type.get(typecode_or_type, typecode_or_type) if isinstance(typecode_or_type, str) else typecode_or_type
    if not isinstance(t, type) or not hasattr(t, "_size_") or t in (ctypes._CData, ctypes._SimpleCData):
        raise TypeError("this type has no size")
    return t


def _new_lock(lock):
    if lock in (True, None):
        from multiprocessing import RLock
        lock = RLock()
    if not hasattr(lock, "acquire"):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


class _SharedValue:
    # A shared simple value (RawValue): one kernel channel holding the current value.
    def __init__(self, ctype, value):
        self._ctype = ctype
        self._id = _thread.chan_new(1)
        _thread.chan_put(self._id, value)

    @property
    def value(self):
        ok, v = _thread.chan_get(self._id)
        _thread.chan_put(self._id, v)
        return v

    @value.setter
    def value(self, v):
        v = _convert(self._ctype._type_, v)
        _thread.chan_get(self._id)
        _thread.chan_put(self._id, v)

    def __getattr__(self, name):
        # Named as CPython names the raw ctypes object (`'c_int' object has no attribute
        # 'get_lock'`); read from __dict__ so an object being unpickled does not recurse.
        ctype = self.__dict__.get("_ctype")
        raise AttributeError("'%s' object has no attribute '%s'" % (ctype.__name__ if ctype else "c_object", name))

    def __repr__(self):
        return "%s(%r)" % (self._ctype.__name__, self.value)


class SynchronizedBase:
    # CPython's SynchronizedBase: a shared object and the lock its wrappers hold.
    def __init__(self, obj, lock):
        self._obj = obj
        self._lock = lock

    # Methods, not the lock's bound methods kept as attributes: the wrapper pickles for a
    # spawned child.
    def acquire(self, *args, **kwds):
        return self._lock.acquire(*args, **kwds)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock


class Synchronized(SynchronizedBase):
    # CPython's Synchronized: a shared value whose .value holds the lock.
    @property
    def value(self):
        with self:
            return self._obj.value

    @value.setter
    def value(self, v):
        with self:
            self._obj.value = v

    def __repr__(self):
        # repr() called, not %r: the value's __repr__ reads shared memory, which only a
        # frame may do.
        return "<Synchronized wrapper for %s>" % repr(self._obj)


def RawValue(typecode_or_type, *args):
    t = _type_of(typecode_or_type)
    if issubclass(t, Structure):
        a = _RawArray(t, [_to_plain(t(*args))])
        return a[0]
    v = args[0] if args else ctypes._default(t)
    if len(args) > 1:
        raise TypeError("%s() takes at most 1 argument (%d given)" % (t.__name__, len(args)))
    return _SharedValue(t, _convert(t._type_, v))


def Value(typecode_or_type, *args, lock=True, ctx=None):
    obj = RawValue(typecode_or_type, *args)
    if lock is False:
        return obj
    lock = _new_lock(lock)
    if isinstance(obj, Structure):
        # CPython wraps it in a class with a locked property per field; here the shared
        # structure itself, with the lock's methods.
        obj.get_lock = lambda: lock
        obj.get_obj = lambda: obj
        return obj
    return Synchronized(obj, lock)


def _to_ctype(typecode, v):
    # What storing v into a shared array of this type keeps (chars as their byte value).
    if isinstance(typecode, type) and issubclass(typecode, Structure):
        if isinstance(v, tuple):
            v = typecode(*v)
        if not isinstance(v, typecode):
            raise TypeError("expected %s instance, got %s" % (typecode.__name__, type(v).__name__))
        return _to_plain(v)
    code = typecode if isinstance(typecode, str) else typecode._type_
    v = _convert(code, v)
    return v[0] if code == "c" else v


class _RawArray:
    # The ctypes array behind Array and RawArray: one kernel channel holds the list of items
    # (a structure's as the list of its field values); every access takes it out and puts it
    # back. An item of a structure array is a structure whose fields read and write here.
    def __init__(self, ctype, items):
        self._ctype = ctype
        self._code = None if issubclass(ctype, Structure) else ctype._type_
        self._length = len(items)
        self._id = _thread.chan_new(1)
        _thread.chan_put(self._id, items)

    def _items(self):
        ok, items = _thread.chan_get(self._id)
        _thread.chan_put(self._id, items)
        return items

    def _set_field(self, index, field, v):
        ok, items = _thread.chan_get(self._id)
        items[index][field] = v
        _thread.chan_put(self._id, items)

    def _item(self, i, v):
        if self._code is None:
            s = self._ctype()
            s._shared = (self, i)
            return s
        return bytes([v]) if self._code == "c" else v

    def _out(self, items):
        if self._code == "c":
            return bytes(items)
        if self._code == "u":
            return "".join(items)
        return items

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError("indices must be integers")
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("invalid index")
        return i

    def __len__(self):
        return self._length

    def __getitem__(self, i):
        if isinstance(i, slice):
            if self._code is None:
                return [self._item(k, None) for k in range(self._length)[i]]
            return self._out(self._items()[i])
        i = self._index(i)
        return self._item(i, self._items()[i])

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            where = list(range(self._length))[i]
            values = [_to_ctype(self._ctype, v) for v in value]
            if len(values) != len(where):
                raise ValueError("Can only assign sequence of same size")
        else:
            where = [self._index(i)]
            values = [_to_ctype(self._ctype, value)]
        ok, items = _thread.chan_get(self._id)
        for k in range(len(where)):
            items[where[k]] = values[k]
        _thread.chan_put(self._id, items)

    def __iter__(self):
        if self._code is None:
            return iter([self._item(k, None) for k in range(self._length)])
        items = self[:]
        if self._code == "c":
            items = [bytes([b]) for b in items]
        return iter(items)

    @property
    def value(self):
        if self._code not in ("c", "u"):
            raise AttributeError("'%s' object has no attribute 'value'" % self._type_name())
        items = self._items()
        zero = 0 if self._code == "c" else "\x00"
        if zero in items:
            items = items[:items.index(zero)]
        return self._out(items)

    @value.setter
    def value(self, v):
        if self._code == "c":
            if not isinstance(v, bytes):
                raise TypeError("bytes expected instead of %s instance" % type(v).__name__)
            new = list(v)
            if len(new) > self._length:
                raise ValueError("byte string too long")
            zero = 0
        elif self._code == "u":
            if not isinstance(v, str):
                raise TypeError("unicode string expected instead of %s instance" % type(v).__name__)
            new = list(v)
            if len(new) > self._length:
                raise ValueError("string too long")
            zero = "\x00"
        else:
            raise AttributeError("'%s' object has no attribute 'value'" % self._type_name())
        ok, items = _thread.chan_get(self._id)
        items[:len(new)] = new
        if len(new) < self._length:
            items[len(new)] = zero
        _thread.chan_put(self._id, items)

    @property
    def raw(self):
        if self._code != "c":
            raise AttributeError("'%s' object has no attribute 'raw'" % self._type_name())
        return bytes(self._items())

    def _type_name(self):
        return "%s_Array_%d" % (self._ctype.__name__, self._length)

    def __repr__(self):
        return "<multiprocessing.sharedctypes.%s object at %s>" % (self._type_name(), hex(id(self)))


class SynchronizedArray(SynchronizedBase):
    # CPython's SynchronizedArray (SynchronizedString for chars): every item access holds
    # the array's lock.
    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self:
            self._obj[i] = value

    def __iter__(self):
        with self:
            return self._obj.__iter__()

    @property
    def value(self):
        with self:
            return self._obj.value

    @value.setter
    def value(self, v):
        with self:
            self._obj.value = v

    @property
    def raw(self):
        with self:
            return self._obj.raw

    def __repr__(self):
        kind = "SynchronizedString" if self._obj._code == "c" else "SynchronizedArray"
        return "<%s wrapper for %r>" % (kind, self._obj)


def RawArray(typecode_or_type, size_or_initializer):
    t = _type_of(typecode_or_type)
    if isinstance(size_or_initializer, int):
        zero = ctypes._default(t)
        if issubclass(t, Structure):
            items = [_to_plain(zero) for k in range(size_or_initializer)]
        else:
            items = [_to_ctype(t, zero)] * size_or_initializer
    else:
        items = [_to_ctype(t, v) for v in size_or_initializer]
    return _RawArray(t, items)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    obj = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return obj
    return SynchronizedArray(obj, _new_lock(lock))


def copy(obj):
    raise NotImplementedError("concsim does not support multiprocessing.sharedctypes.copy yet")


def synchronized(obj, lock=None, ctx=None):
    raise NotImplementedError("concsim does not support multiprocessing.sharedctypes.synchronized yet")
