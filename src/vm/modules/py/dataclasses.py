# concsim's dataclasses: CPython 3.11's @dataclass (fields from the class's annotations,
# defaults, field(default_factory=...), init/repr/eq/order/frozen/unsafe_hash), field,
# fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError.
# Invariant: generated methods behave as CPython's generated source does (same argument
# errors, reprs, comparisons); they are closures here, since concsim has no exec().
# Frozen instances refuse assignment through their __setattr__; __init__ sets fields with
# object.__setattr__.

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY',
           'MISSING', 'fields', 'asdict', 'astuple', 'make_dataclass', 'replace',
           'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    def __repr__(self):
        return 'MISSING'


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


class InitVar:
    def __init__(self, type):
        self.type = type

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return ('Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,hash=%r,'
                'compare=%r,metadata=%r,kw_only=%r,_field_type=_FIELD)'
                % (self.name, self.type, self.default, self.default_factory, self.init,
                   self.repr, self.hash, self.compare, self.metadata, self.kw_only))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def fields(class_or_instance):
    try:
        fs = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple([f for f in fs.values()])


def is_dataclass(obj):
    return hasattr(obj, '__dataclass_fields__')


def _is_instance(obj):
    return is_dataclass(obj) and not isinstance(obj, type)


def asdict(obj, *, dict_factory=dict):
    if not _is_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, list):
        return [_asdict_inner(v, dict_factory) for v in obj]
    if isinstance(obj, tuple):
        return tuple([_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, dict):
        return dict([(_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                     for k, v in obj.items()])
    return obj


def astuple(obj, *, tuple_factory=tuple):
    if not _is_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, list):
        return [_astuple_inner(v, tuple_factory) for v in obj]
    if isinstance(obj, tuple):
        return tuple([_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, dict):
        return dict([(_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                     for k, v in obj.items()])
    return obj


def replace(obj, /, **changes):
    if not _is_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in obj.__dataclass_fields__.values():
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with '
                                 'init=False, it cannot be specified with '
                                 'replace()')
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def _names(missing):
    if len(missing) == 1:
        return "'%s'" % missing[0]
    if len(missing) == 2:
        return "'%s' and '%s'" % (missing[0], missing[1])
    return ", ".join("'%s'" % m for m in missing[:-1]) + ", and '%s'" % missing[-1]


def _make_init(cls, flds, post_init):
    init_fields = [f for f in flds if f.init]
    positional = [f for f in init_fields if not f.kw_only]
    kwonly = [f for f in init_fields if f.kw_only]
    seen_default = False
    for f in positional:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f'non-default argument {f.name!r} follows default argument')
    qual = cls.__qualname__ + '.__init__'
    names = [f.name for f in init_fields]

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            n = len(positional) + 1
            low = 1 + len([f for f in positional
                           if f.default is MISSING and f.default_factory is MISSING])
            takes = '%d' % n if low == n else 'from %d to %d' % (low, n)
            raise TypeError('%s() takes %s positional argument%s but %d were given'
                            % (qual, takes, '' if n == 1 else 's', len(args) + 1))
        values = {}
        for f, v in zip(positional, args):
            values[f.name] = v
        for k in kwargs:
            if k not in names:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (qual, k))
            if k in values:
                raise TypeError("%s() got multiple values for argument '%s'" % (qual, k))
            values[k] = kwargs[k]
        missing = [f.name for f in positional
                   if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            raise TypeError('%s() missing %d required positional argument%s: %s'
                            % (qual, len(missing), '' if len(missing) == 1 else 's', _names(missing)))
        missing = [f.name for f in kwonly
                   if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            raise TypeError('%s() missing %d required keyword-only argument%s: %s'
                            % (qual, len(missing), '' if len(missing) == 1 else 's', _names(missing)))
        for f in flds:
            if f.init and f.name in values:
                v = values[f.name]
            elif f.default_factory is not MISSING:
                v = f.default_factory()
            elif f.default is not MISSING:
                if not f.init:
                    continue
                v = f.default
            else:
                continue
            _object_setattr(self, f.name, v)
        if post_init:
            self.__post_init__()
    return __init__


# Frozen classes define __setattr__; fields are set underneath it, as CPython's generated
# __init__ does.
_object_setattr = object.__setattr__


def _tuple_of(obj, flds):
    return tuple([getattr(obj, f.name) for f in flds])


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False, slots=False,
              weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args,
                              kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots):
    all_fields = {}
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, '__dataclass_fields__', None)
        if base_fields is not None:
            for f in base_fields.values():
                all_fields[f.name] = f
    annotations = cls.__dict__.get('__annotations__', {})
    kw_only_now = kw_only
    for name, type_ in annotations.items():
        if type_ is KW_ONLY or type_ is _KW_ONLY_TYPE:
            kw_only_now = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = type_
        if f.kw_only is MISSING:
            f.kw_only = kw_only_now
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(f'mutable default {type(f.default)} for field '
                             f'{name} is not allowed: use default_factory')
        if isinstance(default, Field):
            if f.default is MISSING:
                try:
                    delattr(cls, name)
                except AttributeError:
                    pass
            else:
                setattr(cls, name, f.default)
        all_fields[name] = f
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')
    setattr(cls, '__dataclass_fields__', all_fields)
    setattr(cls, '__dataclass_params__', (init, repr, eq, order, unsafe_hash, frozen))
    flds = list(all_fields.values())
    cmp_fields = [f for f in flds if f.compare]
    own = cls.__dict__

    if init:
        post_init = hasattr(cls, '__post_init__')
        fn = _make_init(cls, flds, post_init)
        fn.__qualname__ = cls.__qualname__ + '.__init__'
        setattr(cls, '__init__', fn)

    if repr and '__repr__' not in own:
        repr_fields = [f for f in flds if f.repr]

        def __repr__(self):
            return (self.__class__.__qualname__ + '(' +
                    ', '.join(['%s=%r' % (f.name, getattr(self, f.name)) for f in repr_fields]) +
                    ')')
        __repr__.__qualname__ = cls.__qualname__ + '.__repr__'
        setattr(cls, '__repr__', __repr__)

    if eq and '__eq__' not in own:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, cmp_fields) == _tuple_of(other, cmp_fields)
            return NotImplemented
        setattr(cls, '__eq__', __eq__)

    if order:
        def make(op):
            def compare(self, other):
                if other.__class__ is self.__class__:
                    return op(_tuple_of(self, cmp_fields), _tuple_of(other, cmp_fields))
                return NotImplemented
            return compare
        for name, op in (('__lt__', lambda a, b: a < b), ('__le__', lambda a, b: a <= b),
                         ('__gt__', lambda a, b: a > b), ('__ge__', lambda a, b: a >= b)):
            if name in own:
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}. '
                                'Consider using functools.total_ordering')
            setattr(cls, name, make(op))

    if frozen:
        def __setattr__(self, name, value):
            if type(self) is cls or name in all_fields:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in all_fields:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            object.__delattr__(self, name)
        setattr(cls, '__setattr__', __setattr__)
        setattr(cls, '__delattr__', __delattr__)

    hash_fields = [f for f in flds if (f.compare if f.hash is None else f.hash)]
    has_hash = '__hash__' in own
    if unsafe_hash or (eq and frozen):
        def __hash__(self):
            return hash(_tuple_of(self, hash_fields))
        setattr(cls, '__hash__', __hash__)
    elif eq and not frozen and not has_hash:
        setattr(cls, '__hash__', None)

    if match_args:
        setattr(cls, '__match_args__', tuple([f.name for f in flds if f.init and not f.kw_only]))
    return cls


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            annotations[item] = 'typing.Any'
        elif len(item) == 2:
            annotations[item[0]] = item[1]
        else:
            annotations[item[0]] = item[1]
            ns[item[0]] = item[2]
    ns['__annotations__'] = annotations
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **kwargs)
