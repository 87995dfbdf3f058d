# enum: Enum, auto and unique, in CPython 3.11's design: the metaclass EnumType (alias
# EnumMeta) turns a class body's plain attributes into singleton members, looked up by
# value (`Color(1)`), by name (`Color['RED']`) and iterated in definition order.
# Invariant: every member is created once, when its class is; a value already taken makes
# an alias of the first member. IntEnum, StrEnum and IntFlag members are instances of their
# data type (int, str) made by its __new__, so they are ints and strs; ReprEnum keeps the
# data type's str() and format(). Flag members combine with | & ^ ~ into pseudo-members
# created once per value (cached in _value2member_map_).
# Not supported: a Flag value with bits no member has (CPython's boundary STRICT/KEEP/...)
# raises NotImplementedError; _missing_, _ignore_ and the functional API's module= are absent.

_auto_null = object()
_DATA = (int, str, float)


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
    def __new__(metacls, cls, bases, classdict, boundary=None, **kwds):
        member_type = object
        first_enum = None
        for base in bases:
            for c in base.__mro__:
                if c in _DATA:
                    member_type = c
                    break
            if isinstance(base, EnumType):
                first_enum = base
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
        enum_class._member_type_ = member_type
        if member_type is not object and first_enum is not None:
            # The data type's repr/str/format must not hide the enum's (int's come first
            # in the MRO); ReprEnum then gives back the data type's str() and format().
            for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
                if name not in classdict:
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
            if ReprEnum in bases:
                if "__format__" not in classdict:
                    enum_class.__format__ = member_type.__format__
                if "__str__" not in classdict:
                    enum_class.__str__ = member_type.__repr__ if member_type is int else member_type.__str__
        if Flag is not None and issubclass(enum_class, Flag):
            for name in ("__or__", "__and__", "__xor__", "__ror__", "__rand__", "__rxor__", "__invert__"):
                if name not in classdict:
                    type.__setattr__(enum_class, name, Flag.__dict__[name])
        last_values = []
        for name, value in zip(names, values):
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = enum_class._generate_next_value_(name, 1, len(enum_class._member_names_), last_values[:])
                value = value.value
            enum_class._add_member_(name, value)
            last_values.append(value)
        mask = 0
        if Flag is not None and issubclass(enum_class, Flag):
            for value in enum_class._value2member_map_:
                mask |= value
        enum_class._flag_mask_ = mask
        return enum_class

    def _add_member_(cls, name, value):
        if value in cls._value2member_map_:
            member = cls._value2member_map_[value]
        else:
            args = value if isinstance(value, tuple) else (value,)
            if cls._member_type_ is object:
                member = object.__new__(cls)
            else:
                member = cls._member_type_.__new__(cls, *args)
                if cls._member_type_ is str and not isinstance(value, str):
                    raise TypeError("%r is not a string" % (value,))
            member._name_ = name
            member._value_ = value
            if any("__init__" in c.__dict__ for c in cls.__mro__[:-1] if c not in _BASES and c not in _DATA):
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
            if Flag is not None and issubclass(cls, Flag) and isinstance(value, int):
                return cls._pseudo_member_(value)
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
Flag = ReprEnum = None


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


class ReprEnum(Enum):
    """Only the repr is the enum's: str() and format() are the data type's."""


class IntEnum(int, ReprEnum):
    """Enum whose members are also ints."""


class StrEnum(str, ReprEnum):
    """Enum whose members are also strs."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class Flag(Enum):
    """Members combine with the bitwise operators."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        return 2 ** max(last_values).bit_length()

    @classmethod
    def _pseudo_member_(cls, value):
        if value < 0 or value & ~cls._flag_mask_:
            raise NotImplementedError(
                "concsim does not support %s(%r): bits that no member has" % (cls.__name__, value))
        names = [m._name_ for m in cls if m._value_ & value == m._value_ and m._value_]
        if cls._member_type_ is object:
            member = object.__new__(cls)
        else:
            member = cls._member_type_.__new__(cls, value)
        member._name_ = "|".join(names) if names else None
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)

    def _members_in_(self):
        return [m for m in self.__class__ if m._value_ and m._value_ & self._value_ == m._value_
                and m._value_ & (m._value_ - 1) == 0]

    def __iter__(self):
        return iter(self._members_in_())

    def __len__(self):
        return len(self._members_in_())

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        if self._name_ is None:
            return "<%s: %r>" % (self.__class__.__name__, self._value_)
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return "%s(%r)" % (self.__class__.__name__, self._value_)
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def _other_value_(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return None

    def __or__(self, other):
        v = self._other_value_(other)
        return NotImplemented if v is None else self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._other_value_(other)
        return NotImplemented if v is None else self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._other_value_(other)
        return NotImplemented if v is None else self.__class__(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self._value_ ^ self._flag_mask_)


class IntFlag(int, ReprEnum, Flag):
    """Flag whose members are also ints."""


_BASES = (Enum, ReprEnum, IntEnum, StrEnum, Flag, IntFlag)


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
