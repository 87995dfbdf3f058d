# enum: Enum, auto and unique, in CPython 3.11's design: the metaclass EnumType (alias
# EnumMeta) turns a class body's plain attributes into singleton members, looked up by
# value (`Color(1)`), by name (`Color['RED']`) and iterated in definition order.
# Invariant: every member is created once, when its class is; a value already taken makes
# an alias of the first member. IntEnum, StrEnum and Flag need subclasses of builtin types,
# which concsim does not have yet: defining one raises an error that says so.

_auto_null = object()


class auto:
    """Stands for the value `_generate_next_value_` picks (the last value + 1, from 1)."""

    def __init__(self):
        self.value = _auto_null

    def __repr__(self):
        return "auto(%r)" % (self.value,)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_member_value(name, value):
    if _is_dunder(name) or _is_sunder(name):
        return False
    if isinstance(value, (staticmethod, classmethod, property)):
        return False
    if isinstance(value, type):
        return True
    return not callable(value) or isinstance(value, auto)


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        for base in bases:
            unsupported = getattr(base, "_concsim_unsupported_", None)
            if unsupported:
                raise TypeError("concsim does not support %s yet (it needs subclasses of builtin types)" % unsupported)
        names = [k for k, v in classdict.items() if _is_member_value(k, v)]
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError("<enum %r> cannot extend %r" % (cls, base))
        values = [classdict[k] for k in names]
        ns = {k: v for k, v in classdict.items() if k not in names}
        enum_class = super().__new__(metacls, cls, bases, ns, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        last_values = []
        for name, value in zip(names, values):
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = enum_class._generate_next_value_(name, 1, len(enum_class._member_names_), last_values[:])
                value = value.value
            enum_class._add_member_(name, value)
            last_values.append(value)
        return enum_class

    def _add_member_(cls, name, value):
        if value in cls._value2member_map_:
            member = cls._value2member_map_[value]
        else:
            member = object.__new__(cls)
            member._name_ = name
            member._value_ = value
            if cls.__init__ is not object.__init__:
                args = value if isinstance(value, tuple) else (value,)
                member.__init__(*args)
            cls._member_names_.append(name)
            cls._value2member_map_[value] = member
        cls._member_map_[name] = member
        type.__setattr__(cls, name, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1):
        if names is None:
            if isinstance(value, cls):
                return value
            try:
                return cls._value2member_map_[value]
            except (KeyError, TypeError):
                pass
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        return cls._create_(value, names, start=start)

    def _create_(cls, class_name, names, start=1):
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        classdict = {}
        if names and isinstance(names[0], str) and not isinstance(names, dict):
            items = [(name, start + i) for i, name in enumerate(names)]
        elif isinstance(names, dict):
            items = list(names.items())
        else:
            items = list(names)
        metacls = cls.__class__
        enum_class = metacls.__new__(metacls, class_name, (cls,), classdict)
        for name, value in items:
            enum_class._add_member_(name, value)
        return enum_class

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'"
                % (type(member).__qualname__, cls.__class__.__qualname__)
            )
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __bool__(cls):
        return True

    def __repr__(cls):
        return "<enum %r>" % cls.__name__

    @property
    def __members__(cls):
        return dict(cls._member_map_)


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Generic enumeration: members are singletons with a name and a value."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)


class IntEnum(Enum):
    _concsim_unsupported_ = "IntEnum"


class StrEnum(Enum):
    _concsim_unsupported_ = "StrEnum"


class Flag(Enum):
    _concsim_unsupported_ = "Flag"


class IntFlag(Enum):
    _concsim_unsupported_ = "IntFlag"


def unique(enumeration):
    """A class decorator: ValueError when two names share a value."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ", ".join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError("duplicate values found in %r: %s" % (enumeration, alias_details))
    return enumeration
