# concsim's collections: CPython 3.11's deque, defaultdict, Counter, OrderedDict,
# namedtuple, ChainMap, UserDict and UserList, with CPython's reprs and messages.
# Invariant: a deque's contents change only inside one call of a list builtin or of a
# _collections native (bounded_push, rotate), so append/appendleft/pop/popleft/rotate are
# each one instruction of the simulated machine: atomic under every scheduling policy, as
# CPython's C deque is under the GIL, and a deque shared by threads needs no lock for them.
# defaultdict, Counter, OrderedDict and namedtuple classes are mappings and sequences of
# their own (written before the VM could subclass dict and tuple): they behave like their
# CPython counterparts except that isinstance(x, dict) / isinstance(p, tuple) is False.

import _collections

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'UserDict', 'UserList', 'defaultdict',
           'deque', 'namedtuple']

_push = _collections.bounded_push
_rotate = _collections.rotate


class deque:
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._maxlen = maxlen
        self._items = []
        for x in iterable:
            _push(self._items, x, maxlen, False)

    @property
    def maxlen(self):
        return self._maxlen

    def append(self, x):
        if self._maxlen is None:
            self._items.append(x)
        else:
            _push(self._items, x, self._maxlen, False)

    def appendleft(self, x):
        if self._maxlen is None:
            self._items.insert(0, x)
        else:
            _push(self._items, x, self._maxlen, True)

    def pop(self):
        try:
            return self._items.pop()
        except IndexError:
            raise IndexError("pop from an empty deque") from None

    def popleft(self):
        try:
            return self._items.pop(0)
        except IndexError:
            raise IndexError("pop from an empty deque") from None

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._items.clear()

    def copy(self):
        return deque(self._items, self._maxlen)

    __copy__ = copy

    def count(self, x):
        return self._items.count(x)

    def index(self, x, start=0, stop=None):
        if stop is None:
            stop = len(self._items)
        for i in range(max(start, 0), min(stop, len(self._items))):
            if self._items[i] == x:
                return i
        raise ValueError("%r is not in deque" % (x,))

    def insert(self, i, x):
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._items.insert(i, x)

    def remove(self, value):
        try:
            self._items.remove(value)
        except ValueError:
            raise ValueError("%r is not in deque" % (value,)) from None

    def reverse(self):
        self._items.reverse()

    def rotate(self, n=1):
        _rotate(self._items, n)

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return len(self._items) > 0

    def __iter__(self):
        return iter(self._items)

    def __reversed__(self):
        return reversed(self._items)

    def __contains__(self, x):
        return x in self._items

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '%s'" % type(i).__name__)
        n = len(self._items)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("deque index out of range")
        return i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        del self._items[self._index(i)]

    def __eq__(self, other):
        if isinstance(other, deque):
            return self._items == other._items
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, deque):
            return self._items != other._items
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, deque):
            return self._items < other._items
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, deque):
            return self._items <= other._items
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, deque):
            return self._items > other._items
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, deque):
            return self._items >= other._items
        return NotImplemented

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque' % type(other).__name__)
        return deque(self._items + other._items, self._maxlen)

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(self._items * n, self._maxlen)

    def __hash__(self):
        raise TypeError("unhashable type: 'deque'")

    def __repr__(self):
        if self._maxlen is None:
            return 'deque(%r)' % (self._items,)
        return 'deque(%r, maxlen=%d)' % (self._items, self._maxlen)

    def __reduce__(self):
        return (deque, (list(self._items), self._maxlen))


class _DictLike:
    # The dict protocol over self._data (a real dict).

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __contains__(self, key):
        return key in self._data

    def __getitem__(self, key):
        try:
            return self._data[key]
        except KeyError:
            return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._data[key] = value

    def __delitem__(self, key):
        del self._data[key]

    def __bool__(self):
        return len(self._data) > 0

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def get(self, key, default=None):
        return self._data.get(key, default)

    def setdefault(self, key, default=None):
        return self._data.setdefault(key, default)

    _marker = object()

    def pop(self, key, default=_marker):
        if default is _DictLike._marker:
            return self._data.pop(key)
        return self._data.pop(key, default)

    def popitem(self):
        return self._data.popitem()

    def clear(self):
        self._data.clear()

    def update(self, other=(), **kwds):
        if hasattr(other, 'keys'):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k in kwds:
            self[k] = kwds[k]

    def __eq__(self, other):
        if isinstance(other, _DictLike):
            return self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def __hash__(self):
        raise TypeError("unhashable type: '%s'" % type(self).__name__)

    def __or__(self, other):
        new = self.copy()
        new.update(other)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


class defaultdict(_DictLike):
    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        self._data = dict(*args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._data[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self._data)

    __copy__ = copy

    def __repr__(self):
        f = self.default_factory
        return '%s(%s, %r)' % (type(self).__name__, 'None' if f is None else repr(f), self._data)

    def __reduce__(self):
        return (defaultdict, (self.default_factory, self._data))


class OrderedDict(_DictLike):
    def __init__(self, other=(), **kwds):
        self._data = {}
        self.update(other, **kwds)

    def move_to_end(self, key, last=True):
        value = self._data.pop(key)
        if last:
            self._data[key] = value
        else:
            rest = list(self._data.items())
            self._data.clear()
            self._data[key] = value
            for k, v in rest:
                self._data[k] = v

    def popitem(self, last=True):
        if not self._data:
            raise KeyError('dictionary is empty')
        if last:
            return self._data.popitem()
        key = next(iter(self._data))
        return key, self._data.pop(key)

    def copy(self):
        return OrderedDict(self._data)

    __copy__ = copy

    def __reversed__(self):
        return reversed(list(self._data))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._data.items()) == list(other._data.items())
        return _DictLike.__eq__(self, other)

    @classmethod
    def fromkeys(cls, iterable, value=None):
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def __repr__(self):
        if not self._data:
            return '%s()' % (type(self).__name__,)
        return '%s(%r)' % (type(self).__name__, list(self._data.items()))

    def __reduce__(self):
        return (OrderedDict, (list(self._data.items()),))


class Counter(_DictLike):
    def __init__(self, iterable=None, **kwds):
        self._data = {}
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self._data.values())

    def most_common(self, n=None):
        items = sorted(self._data.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:n]

    def elements(self):
        out = []
        for elem, count in self._data.items():
            for _ in range(count):
                out.append(elem)
        return iter(out)

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, **kwds):
        if iterable is not None:
            if hasattr(iterable, 'keys'):
                for elem in iterable.keys():
                    self._data[elem] = self[elem] + iterable[elem]
            else:
                for elem in iterable:
                    self._data[elem] = self._data.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, **kwds):
        if iterable is not None:
            if hasattr(iterable, 'keys'):
                for elem in iterable.keys():
                    self._data[elem] = self[elem] - iterable[elem]
            else:
                for elem in iterable:
                    self._data[elem] = self._data.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return Counter(self)

    __copy__ = copy

    def __delitem__(self, elem):
        if elem in self._data:
            del self._data[elem]

    def __repr__(self):
        if not self._data:
            return '%s()' % type(self).__name__
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self._data)
        return '%s(%r)' % (type(self).__name__, d)

    def __reduce__(self):
        return (Counter, (self._data,))

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def _keep_positive(self):
        nonpositive = [elem for elem, count in self.items() if not count > 0]
        for elem in nonpositive:
            del self[elem]
        return self


class ChainMap(_DictLike):
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    @property
    def _data(self):
        d = {}
        for mapping in reversed(self.maps):
            for k in mapping:
                d[k] = None
        for k in d:
            d[k] = self[k]
        return d

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __contains__(self, key):
        for m in self.maps:
            if key in m:
                return True
        return False

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def clear(self):
        self.maps[0].clear()

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return ChainMap(m, *self.maps)

    @property
    def parents(self):
        return ChainMap(*self.maps[1:])

    def copy(self):
        return ChainMap(self.maps[0].copy(), *self.maps[1:])

    def __repr__(self):
        return f'{self.__class__.__name__}({", ".join(map(repr, self.maps))})'


class UserDict(_DictLike):
    def __init__(self, dict=None, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    @property
    def _data(self):
        return self.data

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, "__missing__"):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def copy(self):
        c = self.__class__()
        c.update(self.data)
        return c

    def __repr__(self):
        return repr(self.data)


class UserList:
    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            self.data = list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __eq__(self, other):
        return self.data == (other.data if isinstance(other, UserList) else other)

    def __lt__(self, other):
        return self.data < (other.data if isinstance(other, UserList) else other)

    def __contains__(self, item):
        return item in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        return self.__class__(self.data + list(other))

    def __iadd__(self, other):
        self.data += list(other)
        return self

    def __mul__(self, n):
        return self.__class__(self.data * n)

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        self.data.extend(other)


def _nt_property(index, name):
    def get(self):
        return self._tuple[index]
    get.__name__ = name
    return property(get, doc='Alias for field number %d' % index)


class _NamedTupleBase:
    # A namedtuple class's sequence behaviour over self._tuple.

    def __len__(self):
        return len(self._tuple)

    def __iter__(self):
        return iter(self._tuple)

    def __getitem__(self, i):
        return self._tuple[i]

    def __contains__(self, x):
        return x in self._tuple

    def __hash__(self):
        return hash(self._tuple)

    def _other(self, other):
        if isinstance(other, _NamedTupleBase):
            return other._tuple
        if isinstance(other, tuple):
            return other
        return None

    def __eq__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._tuple == o

    def __ne__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._tuple != o

    def __lt__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._tuple < o

    def __le__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._tuple <= o

    def __gt__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._tuple > o

    def __ge__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._tuple >= o

    def __add__(self, other):
        o = self._other(other)
        if o is None:
            raise TypeError('can only concatenate tuple (not "%s") to tuple' % type(other).__name__)
        return self._tuple + o

    def __radd__(self, other):
        return other + self._tuple

    def __mul__(self, n):
        return self._tuple * n

    def count(self, x):
        return self._tuple.count(x)

    def index(self, x, *args):
        return self._tuple.index(x, *args)

    def __repr__(self):
        return self.__class__.__name__ + '(' + ', '.join(
            '%s=%r' % (n, v) for n, v in zip(self._fields, self._tuple)) + ')'

    def _asdict(self):
        return dict(zip(self._fields, self._tuple))

    def _replace(self, **kwds):
        values = list(self._tuple)
        for i, name in enumerate(self._fields):
            if name in kwds:
                values[i] = kwds.pop(name)
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return self.__class__(*values)

    def __getnewargs__(self):
        return self._tuple

    def __reduce__(self):
        return (self.__class__, self._tuple)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or _iskeyword(name) or name.startswith('_')
                    or name in seen):
                field_names[index] = f'_{index}'
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid '
                             f'identifiers: {name!r}')
        if _iskeyword(name):
            raise ValueError('Type names and field names cannot be a '
                             f'keyword: {name!r}')
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             f'{name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(field_names),
                                                reversed(defaults)))))
    fields = tuple(field_names)
    nfields = len(fields)

    def __init__(self, *args, **kwargs):
        if len(args) > nfields:
            raise TypeError('%s.__new__() takes %d positional argument%s but %d were given'
                            % (typename, nfields + 1, '' if nfields == 0 else 's', len(args) + 1))
        values = list(args)
        missing = []
        for name in fields[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in field_defaults:
                values.append(field_defaults[name])
            else:
                missing.append(name)
                values.append(None)
        for name in kwargs:
            if name in fields:
                raise TypeError("%s.__new__() got multiple values for argument '%s'"
                                % (typename, name))
            raise TypeError("%s.__new__() got an unexpected keyword argument '%s'"
                            % (typename, name))
        if missing:
            if len(missing) == 1:
                names = "'%s'" % missing[0]
            elif len(missing) == 2:
                names = "'%s' and '%s'" % (missing[0], missing[1])
            else:
                names = ", ".join("'%s'" % m for m in missing[:-1]) + ", and '%s'" % missing[-1]
            raise TypeError('%s.__new__() missing %d required positional argument%s: %s'
                            % (typename, len(missing), '' if len(missing) == 1 else 's', names))
        self._tuple = tuple(values)

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)

    ns = {
        '__doc__': f'{typename}({", ".join(fields)})',
        '__init__': __init__,
        '_fields': fields,
        '_field_defaults': field_defaults,
        '_make': _make,
        '__match_args__': fields,
    }
    for index, name in enumerate(fields):
        ns[name] = _nt_property(index, name)
    result = type(typename, (_NamedTupleBase,), ns)
    if module is None:
        module = _caller_module()
    if module is not None:
        result.__module__ = module
    return result


def _caller_module():
    import _concsim
    for frame in _concsim.caller_frames():
        if not frame[0].startswith('<frozen'):
            return '__main__'
    return None


_KEYWORDS = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
    'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global',
    'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return',
    'try', 'while', 'with', 'yield'])


def _iskeyword(s):
    return s in _KEYWORDS
