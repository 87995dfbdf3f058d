# concsim's copy: CPython 3.11's copy and deepcopy (__copy__/__deepcopy__ honoured, a memo
# for shared and recursive structures, instances copied attribute by attribute).
# Invariant: immutable atoms are returned as they are; a deep copy shares nothing mutable
# with its original and keeps the original's sharing between its parts.

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_ATOMS = (type(None), int, float, bool, str, bytes, type,
          range, type(len), type(lambda: 0))


class _Blank:
    pass


def _blank_of(cls):
    inst = _Blank()
    inst.__class__ = cls
    return inst


_VALUES = (int, float, str, bytes, tuple, list, dict, set, frozenset)
_RAW = {int: int.__int__, float: float.__float__, str: str.__str__, bytes: lambda v: v[:]}


def _subclass_copy(x, cls, memo):
    # An instance of a builtin type's subclass, rebuilt as CPython's __reduce_ex__(4) and
    # _reconstruct do: the value through the class, then attributes, then list/dict items.
    cp = (lambda v: deepcopy(v, memo)) if memo is not None else (lambda v: v)
    if isinstance(x, (list, dict)):
        y = cls.__new__(cls)
    elif isinstance(x, (set, frozenset)):
        y = cls([cp(a) for a in x])
    elif isinstance(x, tuple):
        y = cls.__new__(cls, tuple([cp(a) for a in x]))
    else:
        base = [b for b in cls.__mro__ if b in _RAW][0]
        y = cls.__new__(cls, _RAW[base](x))
    if memo is not None:
        memo[id(x)] = y
    for k, v in x.__dict__.items():
        setattr(y, k, cp(v))
    if isinstance(x, list):
        for a in x:
            y.append(cp(a))
    elif isinstance(x, dict):
        for k, v in x.items():
            y[cp(k)] = cp(v)
    return y


def copy(x):
    cls = type(x)
    if cls not in _VALUES and cls is not bool and isinstance(x, _VALUES):
        return _subclass_copy(x, cls, None)
    if isinstance(x, _ATOMS) or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    if hasattr(x, '__dict__'):
        y = _blank_of(cls)
        for k, v in x.__dict__.items():
            setattr(y, k, v)
        return y
    raise Error("un(shallow)copyable object of type %s" % cls)


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls not in _VALUES and cls is not bool and isinstance(x, _VALUES):
        y = _subclass_copy(x, cls, memo)
    elif isinstance(x, _ATOMS) or cls is frozenset:
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        y = tuple([deepcopy(a, memo) for a in x])
        if all(a is b for a, b in zip(x, y)):
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set([deepcopy(a, memo) for a in x])
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None and not isinstance(x, type):
            y = copier(memo)
        elif hasattr(x, '__dict__'):
            y = _blank_of(cls)
            memo[d] = y
            for k, v in x.__dict__.items():
                setattr(y, k, deepcopy(v, memo))
        else:
            raise Error("un(deep)copyable object of type %s" % cls)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
