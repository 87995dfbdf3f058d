import collections
from collections.abc import Mapping, MutableMapping, Sequence, Iterable, Iterator, Hashable, Callable, Sized, Generator, Set
import collections.abc
print(collections.abc.Mapping is Mapping, collections.abc.__name__)
for v in ({}, [], (), "s", b"b", {1}, frozenset(), range(2), 3, None, len, iter([]), (x for x in []), {}.keys()):
    print(repr(v)[:5], [c.__name__ for c in (Mapping, MutableMapping, Sequence, Iterable, Iterator, Hashable, Callable, Sized, Generator, Set) if isinstance(v, c)])
class M(Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
m = M({'a': 1, 'b': 2})
print(m.get('a'), m.get('z', 9), 'a' in m, list(m.keys()), list(m.items()), list(m.values()), m == {'a': 1, 'b': 2})
print(isinstance(m, Mapping), isinstance(m, MutableMapping), issubclass(M, Sized))
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), Iterator), isinstance(It(), Iterable), issubclass(It, Hashable))
class U:
    __hash__ = None
print(isinstance(U(), Hashable))
try:
    class Bad(Mapping): pass
    Bad()
except TypeError as e:
    print(e)
class MM(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
mm = MM(); mm.update({'x': 1}, y=2); mm.setdefault('z', 3)
print(sorted(mm.items()), mm.pop('x'), mm.pop('q', 0), len(mm))
class S(Sequence):
    def __init__(self, *a): self.a = a
    def __getitem__(self, i): return self.a[i]
    def __len__(self): return len(self.a)
s = S(1, 2, 3, 2)
print(list(s), 2 in s, s.index(3), s.count(2), list(reversed(s)))
try: s.index(7)
except ValueError as e: print("ValueError", repr(e))
print(isinstance(type(len).__call__ if False else (lambda:0), Callable), callable(print))
