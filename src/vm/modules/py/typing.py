# typing: the names annotations use, in CPython 3.11's design at the level programs observe:
# special forms and generic aliases subscript (`List[int]`, `Optional[str]`) into aliases
# that print as CPython's (`typing.List[int]`); TypeVar, NewType, cast, overload,
# TYPE_CHECKING; `class P(NamedTuple)` builds a collections.namedtuple from its annotations.
# Invariant: nothing here checks types at run time, as in CPython.

import collections

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return "%s.%s" % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return "..."
    if isinstance(obj, list):
        return "[%s]" % ", ".join(_type_repr(a) for a in obj)
    return repr(obj)


class _GenericAlias:
    def __init__(self, name, origin, args=None):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self._name, self.__origin__, params)

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None:
            raise TypeError("Type %s cannot be instantiated" % self._name)
        if self._name in _NOT_INSTANTIABLE:
            raise TypeError("Type %s cannot be instantiated; use %s() instead" % (self._name, self.__origin__.__name__))
        return self.__origin__(*args, **kwargs)

    def __repr__(self):
        if self.__args__ is None:
            return "typing." + self._name
        if self._name == "Optional":
            return "typing.Optional[%s]" % _type_repr(self.__args__[0])
        return "typing.%s[%s]" % (self._name, ", ".join(_type_repr(a) for a in self.__args__))

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self._name == other._name and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self._name, self.__args__))


_NOT_INSTANTIABLE = ("List", "Dict", "Set", "FrozenSet", "Tuple", "Type")


class _SpecialForm(_GenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name in ("Union", "Optional"):
            params = tuple(type(None) if p is None else p for p in params)
        if self._name == "Optional":
            return _GenericAlias("Optional", None, params)
        if self._name == "Union" and len(params) == 2 and type(None) in params:
            other = params[0] if params[1] is type(None) else params[1]
            return _GenericAlias("Optional", None, (other,))
        return _GenericAlias(self._name, None, params)


Any = _SpecialForm("Any", None)
NoReturn = _SpecialForm("NoReturn", None)
Never = _SpecialForm("Never", None)
ClassVar = _SpecialForm("ClassVar", None)
Final = _SpecialForm("Final", None)
Optional = _SpecialForm("Optional", None)
Union = _SpecialForm("Union", None)
Literal = _SpecialForm("Literal", None)
Callable = _GenericAlias("Callable", None)
List = _GenericAlias("List", list)
Dict = _GenericAlias("Dict", dict)
Set = _GenericAlias("Set", set)
FrozenSet = _GenericAlias("FrozenSet", frozenset)
Tuple = _GenericAlias("Tuple", tuple)
Type = _GenericAlias("Type", type)
Deque = _GenericAlias("Deque", collections.deque)
DefaultDict = _GenericAlias("DefaultDict", collections.defaultdict)
OrderedDict = _GenericAlias("OrderedDict", collections.OrderedDict)
Counter = _GenericAlias("Counter", collections.Counter)
Iterable = _GenericAlias("Iterable", None)
Iterator = _GenericAlias("Iterator", None)
Generator = _GenericAlias("Generator", None)
Sequence = _GenericAlias("Sequence", None)
MutableSequence = _GenericAlias("MutableSequence", None)
Mapping = _GenericAlias("Mapping", None)
MutableMapping = _GenericAlias("MutableMapping", None)
Awaitable = _GenericAlias("Awaitable", None)
Coroutine = _GenericAlias("Coroutine", None)
Hashable = _GenericAlias("Hashable", None)
Sized = _GenericAlias("Sized", None)


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self._prefix = "+" if covariant else "-" if contravariant else "~"

    def __repr__(self):
        return self._prefix + self.__name__


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
    return func


def no_type_check(arg):
    return arg


def final(f):
    return f


def get_type_hints(obj):
    return dict(getattr(obj, "__annotations__", {}))


class _NamedTupleMeta(type):
    def __new__(mcs, typename, bases, ns):
        if ns.get("_root", False):
            return super().__new__(mcs, typename, bases, ns)
        fields = list(ns.get("__annotations__", {}))
        defaults = [ns[f] for f in fields if f in ns]
        nt = collections.namedtuple(typename, fields, defaults=defaults, module=ns.get("__module__", "__main__"))
        for key, value in ns.items():
            if key not in fields and key not in ("__module__", "__qualname__", "__annotations__", "__classcell__"):
                setattr(nt, key, value)
        return nt


class NamedTuple(metaclass=_NamedTupleMeta):
    _root = True
