# concsim's typing: the parts of CPython 3.11's typing that ordinary programs evaluate at run
# time — annotations such as List[int], Optional[str], Callable[[int], str], TypeVar, cast,
# get_origin/get_args — with CPython's reprs and equality; and GenericAlias, what `list[int]`
# evaluates to (the VM's subscription of a builtin class calls `_builtin_alias`).
# Invariant: an alias only describes types (nothing is checked at run time, as in CPython);
# a user generic class subscripted (`class Box(Generic[T])`, `Box[int]`) is the class itself,
# which is all a run-time program can observe of it apart from the alias's repr.

import collections as _collections


class _abc:
    # The origins of the abstract aliases (collections.abc's classes, which concsim does not
    # have yet): named like them, used only as get_origin's answers.
    pass


for _n in ("Callable Iterable Iterator Generator Sequence MutableSequence Mapping MutableMapping "
           "Set MutableSet Collection Container Hashable Sized Awaitable Coroutine "
           "AsyncIterator AsyncIterable").split():
    _c = type(_n, (), {})
    _c.__module__ = "collections.abc"
    setattr(_abc, _n, _c)
del _n, _c

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return "%s.%s" % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return "..."
    if type(obj).__name__ == "function":
        return obj.__name__
    return repr(obj)


def _type_check(arg):
    if arg is None:
        return type(None)
    return arg


def _tuple_args(params):
    if not isinstance(params, tuple):
        params = (params,)
    return tuple(_type_check(p) for p in params)


class GenericAlias:
    # A class subscripted: list[int] (no name) or typing.List[int] (named "List").
    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name

    def _args_repr(self):
        return ", ".join(_type_repr(a) for a in self.__args__)

    def __repr__(self):
        if self._name is None:
            args = self.__args__ if self.__args__ else ((),)
            return "%s[%s]" % (_type_repr(self.__origin__),
                               ", ".join("()" if a == () else _type_repr(a) for a in args))
        return "typing.%s[%s]" % (self._name, self._args_repr())

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return (self.__origin__ is other.__origin__ and self.__args__ == other.__args__
                and (self._name is None) == (other._name is None))

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


def _builtin_alias(cls, params):
    # `cls[params]` for a builtin class: types.GenericAlias.
    if not isinstance(params, tuple):
        params = (params,)
    return GenericAlias(cls, params)


class _CallableAlias(GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return "typing.Callable[..., %s]" % _type_repr(args[1])
        return "typing.Callable[[%s], %s]" % (", ".join(_type_repr(a) for a in args[:-1]),
                                              _type_repr(args[-1]))


class _SpecialAlias:
    # typing.List, typing.Dict...: an unsubscripted alias of a class.
    def __init__(self, origin, name, nparams, inst=True):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams
        self._inst = inst

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        args = _tuple_args(params)
        if self._nparams >= 0 and len(args) != self._nparams and not (self._name == "Tuple"):
            raise TypeError("Too %s arguments for %s; actual %d, expected %d"
                            % ("many" if len(args) > self._nparams else "few", self, len(args),
                               self._nparams))
        return GenericAlias(self.__origin__, args, self._name)

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError("Type %s cannot be instantiated; use %s() instead"
                            % (self._name, self.__origin__.__name__.lower()))
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _CallableSpecial(_SpecialAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        if args is ...:
            return _CallableAlias(self.__origin__, (..., _type_check(result)), "Callable")
        if not isinstance(args, (list, tuple)):
            args = [args]
        return _CallableAlias(self.__origin__, tuple(_type_check(a) for a in args) + (_type_check(result),),
                              "Callable")


class _UnionAlias(GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return "typing.Optional[%s]" % _type_repr(other)
        return "typing.Union[%s]" % self._args_repr()

    def __eq__(self, other):
        if not isinstance(other, _UnionAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


class _SpecialForm:
    # Any, NoReturn, Union, Optional, ClassVar, Final, Literal...
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError("%s is not subscriptable" % self)
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError("Cannot instantiate %r" % self)


def _union(form, params):
    if params == ():
        raise TypeError("Cannot take a Union of no types.")
    args = []
    for p in _tuple_args(params):
        if isinstance(p, _UnionAlias):
            members = p.__args__
        else:
            members = (p,)
        for m in members:
            if m not in args:
                args.append(m)
    if len(args) == 1:
        return args[0]
    return _UnionAlias(Union, tuple(args), "Union")


def _optional(form, params):
    return _union(form, (params, None))


def _wrap_one(form, params):
    args = _tuple_args(params)
    if len(args) != 1:
        raise TypeError("%s accepts only single type." % form)
    return GenericAlias(form, args, form._name)


def _literal(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _LiteralAlias(form, params, "Literal")


class _LiteralAlias(GenericAlias):
    def __repr__(self):
        return "typing.Literal[%s]" % ", ".join(repr(a) for a in self.__args__)


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
Union = _SpecialForm("Union", _union)
Optional = _SpecialForm("Optional", _optional)
ClassVar = _SpecialForm("ClassVar", _wrap_one)
Final = _SpecialForm("Final", _wrap_one)
Literal = _SpecialForm("Literal", _literal)

List = _SpecialAlias(list, "List", 1, inst=False)
Dict = _SpecialAlias(dict, "Dict", 2, inst=False)
Set = _SpecialAlias(set, "Set", 1, inst=False)
FrozenSet = _SpecialAlias(frozenset, "FrozenSet", 1, inst=False)
Tuple = _SpecialAlias(tuple, "Tuple", -1, inst=False)
Type = _SpecialAlias(type, "Type", 1, inst=False)
Deque = _SpecialAlias(_collections.deque, "Deque", 1)
DefaultDict = _SpecialAlias(_collections.defaultdict, "DefaultDict", 2)
OrderedDict = _SpecialAlias(_collections.OrderedDict, "OrderedDict", 2)
Counter = _SpecialAlias(_collections.Counter, "Counter", 1)
ChainMap = _SpecialAlias(_collections.ChainMap, "ChainMap", -1)
Callable = _CallableSpecial(_abc.Callable, "Callable", -1, inst=False)
Iterable = _SpecialAlias(_abc.Iterable, "Iterable", 1, inst=False)
Iterator = _SpecialAlias(_abc.Iterator, "Iterator", 1, inst=False)
Generator = _SpecialAlias(_abc.Generator, "Generator", 3, inst=False)
Sequence = _SpecialAlias(_abc.Sequence, "Sequence", 1, inst=False)
MutableSequence = _SpecialAlias(_abc.MutableSequence, "MutableSequence", 1, inst=False)
Mapping = _SpecialAlias(_abc.Mapping, "Mapping", 2, inst=False)
MutableMapping = _SpecialAlias(_abc.MutableMapping, "MutableMapping", 2, inst=False)
AbstractSet = _SpecialAlias(_abc.Set, "AbstractSet", 1, inst=False)
MutableSet = _SpecialAlias(_abc.MutableSet, "MutableSet", 1, inst=False)
Collection = _SpecialAlias(_abc.Collection, "Collection", 1, inst=False)
Container = _SpecialAlias(_abc.Container, "Container", 1, inst=False)
Hashable = _SpecialAlias(_abc.Hashable, "Hashable", 0, inst=False)
Sized = _SpecialAlias(_abc.Sized, "Sized", 0, inst=False)
Awaitable = _SpecialAlias(_abc.Awaitable, "Awaitable", 1, inst=False)
Coroutine = _SpecialAlias(_abc.Coroutine, "Coroutine", 3, inst=False)
AsyncIterator = _SpecialAlias(_abc.AsyncIterator, "AsyncIterator", 1, inst=False)
AsyncIterable = _SpecialAlias(_abc.AsyncIterable, "AsyncIterable", 1, inst=False)


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = tuple(_type_check(c) for c in constraints)
        self.__bound__ = _type_check(bound) if bound is not None else None
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__


AnyStr = TypeVar("AnyStr", bytes, str)
Text = str


class Generic:
    """A base for user generic classes: `class Box(Generic[T])`."""

    def __class_getitem__(cls, params):
        return cls


class Protocol(Generic):
    pass


class NewType:
    def __init__(self, name, tp):
        self.__name__ = name
        self.__qualname__ = name
        self.__supertype__ = tp
        self.__module__ = "__main__"

    def __call__(self, x):
        return x

    def __repr__(self):
        return "%s.%s" % (self.__module__, self.__qualname__)


def cast(typ, val):
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. A series of @typing.overload-decorated "
            "functions outside a stub module should always be followed by an implementation "
            "that is not @typing.overload-decorated.")
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def get_origin(tp):
    if isinstance(tp, (GenericAlias, _SpecialAlias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _CallableAlias):
        args = tp.__args__
        if args[0] is ...:
            return args
        return (list(args[:-1]), args[-1])
    if isinstance(tp, GenericAlias):
        return tp.__args__
    return ()


def get_type_hints(obj):
    return dict(getattr(obj, "__annotations__", {}))


class _NamedTupleMeta(type):
    def __new__(mcs, typename, bases, ns):
        if ns.get("_root", False):
            return super().__new__(mcs, typename, bases, ns)
        fields = list(ns.get("__annotations__", {}))
        defaults = [ns[f] for f in fields if f in ns]
        nt = _collections.namedtuple(typename, fields, defaults=defaults, module=ns.get("__module__", "__main__"))
        for key, value in ns.items():
            if key not in fields and key not in ("__module__", "__qualname__", "__annotations__", "__classcell__"):
                setattr(nt, key, value)
        return nt


class NamedTuple(metaclass=_NamedTupleMeta):
    _root = True
