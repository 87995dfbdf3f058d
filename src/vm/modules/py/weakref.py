# weakref: ref, proxy, WeakMethod, WeakValueDictionary, WeakKeyDictionary, WeakSet and
# finalize with CPython 3.11's names, errors and exit behaviour.
# concsim has no reference counting: an object never dies while a weak reference to it
# exists, so ref() always returns the object, a ref's callback never runs, weak
# containers never lose entries, and a finalize runs only when called or at exit (atexit=True,
# newest first, as CPython's). What differs from CPython: after `del obj` (or gc.collect())
# CPython's ref() returns None, its callbacks and finalizers run and the weak containers
# shrink; here they do not.
# Invariant: only objects CPython can weakly reference are accepted (not int, str, tuple,
# list, dict...): the same TypeError as CPython's otherwise.

import sys as _sys
import _concsim

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "ReferenceType", "ProxyType", "CallableProxyType", "ProxyTypes",
           "WeakValueDictionary", "WeakSet", "WeakMethod", "finalize"]

_NOT_WEAKREFABLE = (int, float, str, bytes, tuple, list, dict, bool, type(None))
_refs = {}


def _check(obj):
    if isinstance(obj, _NOT_WEAKREFABLE):
        raise TypeError("cannot create weak reference to '%s' object" % type(obj).__name__)


class ref:
    def __init__(self, obj, callback=None):
        _check(obj)
        self._obj = obj
        self.__callback__ = callback
        _refs.setdefault(id(obj), []).append(self)

    def __call__(self):
        return self._obj

    def __hash__(self):
        return hash(self._obj)

    def __eq__(self, other):
        if not isinstance(other, ref):
            return NotImplemented
        return self._obj == other._obj

    def __ne__(self, other):
        if not isinstance(other, ref):
            return NotImplemented
        return self._obj != other._obj

    def __repr__(self):
        o = self._obj
        name = getattr(o, "__name__", None)
        if isinstance(name, str):
            return "<weakref at %#x; to '%s' at %#x (%s)>" % (id(self), type(o).__name__, id(o), name)
        return "<weakref at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))


ReferenceType = ref


class WeakMethod(ref):
    def __init__(self, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not %s" % (type(meth),)) from None
        ref.__init__(self, obj, callback)
        self._meth = meth

    def __call__(self):
        return self._meth


def getweakrefcount(obj):
    return len(_refs.get(id(obj), ()))


def getweakrefs(obj):
    return list(_refs.get(id(obj), ()))


class ProxyType:
    def __init__(self, obj, callback=None):
        _check(obj)
        object.__setattr__(self, "_obj", obj)

    def __getattr__(self, name):
        return getattr(object.__getattribute__(self, "_obj"), name)

    def __setattr__(self, name, value):
        setattr(self._obj, name, value)

    def __delattr__(self, name):
        delattr(self._obj, name)

    def __repr__(self):
        o = self._obj
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))

    def __str__(self):
        return str(self._obj)

    def __bool__(self):
        return bool(self._obj)

    def __len__(self):
        return len(self._obj)

    def __iter__(self):
        return iter(self._obj)

    def __getitem__(self, key):
        return self._obj[key]

    def __setitem__(self, key, value):
        self._obj[key] = value

    def __contains__(self, key):
        return key in self._obj

    def __eq__(self, other):
        return self._obj == other

    def __lt__(self, other):
        return self._obj < other

    def __hash__(self):
        raise TypeError("unhashable type: 'weakproxy'")


class CallableProxyType(ProxyType):
    def __call__(self, *args, **kwargs):
        return self._obj(*args, **kwargs)


ProxyTypes = (ProxyType, CallableProxyType)


def proxy(obj, callback=None):
    if callable(obj):
        return CallableProxyType(obj, callback)
    return ProxyType(obj, callback)


class _WeakDict:
    # A dict whose keys (WeakKeyDictionary) or values (WeakValueDictionary) must be
    # objects CPython can weakly reference.
    _weak_keys = False

    def __init__(self, other=None, **kw):
        self.data = {}
        self.update(other, **kw)

    def __getitem__(self, key):
        return self.data[key]

    def __setitem__(self, key, value):
        _check(key if self._weak_keys else value)
        self.data[key] = value

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        return key in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(list(self.data))

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def get(self, key, default=None):
        return self.data.get(key, default)

    def keys(self):
        return iter(list(self.data))

    def values(self):
        return iter(list(self.data.values()))

    def items(self):
        return iter(list(self.data.items()))

    def setdefault(self, key, default=None):
        if key not in self.data:
            self[key] = default
        return self.data[key]

    def pop(self, key, *args):
        return self.data.pop(key, *args)

    def popitem(self):
        return self.data.popitem()

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self.data)

    def update(self, other=None, **kw):
        if other is not None:
            if hasattr(other, "items"):
                other = other.items()
            for k, v in other:
                self[k] = v
        for k, v in kw.items():
            self[k] = v


class WeakValueDictionary(_WeakDict):
    def valuerefs(self):
        return [ref(v) for v in self.data.values()]

    def itervaluerefs(self):
        return iter(self.valuerefs())


class WeakKeyDictionary(_WeakDict):
    _weak_keys = True

    def keyrefs(self):
        return [ref(k) for k in self.data]


class WeakSet:
    def __init__(self, data=None):
        self.data = {}
        if data is not None:
            for x in data:
                self.add(x)

    def add(self, item):
        _check(item)
        self.data[item] = None

    def discard(self, item):
        self.data.pop(item, None)

    def remove(self, item):
        del self.data[item]

    def pop(self):
        if not self.data:
            raise KeyError("pop from empty WeakSet")
        return self.data.popitem()[0]

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self.data)

    def update(self, other):
        for x in other:
            self.add(x)

    def __contains__(self, item):
        try:
            return item in self.data
        except TypeError:
            return False

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(list(self.data))

    def __repr__(self):
        return repr(set(self.data))

    def __eq__(self, other):
        if not isinstance(other, WeakSet):
            return NotImplemented
        return set(self.data) == set(other.data)


class finalize:
    _registry = {}
    _index = [0]
    _hooked = [False]

    def __init__(self, obj, func, /, *args, **kwargs):
        _check(obj)
        if not finalize._hooked[0]:
            finalize._hooked[0] = True
            import atexit
            atexit.register(finalize._exitfunc)
        finalize._index[0] += 1
        self._obj = obj
        self._info = (func, args, kwargs or None)
        self.atexit = True
        self._order = finalize._index[0]
        finalize._registry[self] = self._order

    def __call__(self, _=None):
        if finalize._registry.pop(self, None) is not None:
            func, args, kwargs = self._info
            return func(*args, **(kwargs or {}))

    def detach(self):
        if finalize._registry.pop(self, None) is not None:
            func, args, kwargs = self._info
            return (self._obj, func, args, kwargs or {})

    def peek(self):
        if self in finalize._registry:
            func, args, kwargs = self._info
            return (self._obj, func, args, kwargs or {})

    @property
    def alive(self):
        return self in finalize._registry

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __repr__(self):
        if self in finalize._registry:
            return "<%s object at %#x; for %r at %#x>" % (type(self).__name__, id(self),
                                                          type(self._obj).__name__, id(self._obj))
        return "<%s object at %#x; dead>" % (type(self).__name__, id(self))

    @classmethod
    def _exitfunc(cls):
        while True:
            pending = sorted([f for f in cls._registry if f.atexit], key=lambda f: f._order)
            if not pending:
                break
            f = pending.pop()
            try:
                f()
            except Exception as exc:
                _sys.stderr.write(_concsim.format_exception(exc))
