# Overridden dunders on builtin subclasses (__eq__, __getitem__, get, __add__, __repr__), dict(d) and {**d} reading the storage, copy/deepcopy of subclass instances.
class S(str):
    def __init__(self, value, tag):
        super().__init__()
        self.tag = tag
    def __new__(cls, value, tag):
        return super().__new__(cls, value)
s = S("hi", 3)
print(s, s.tag, s.upper(), s == "hi", sorted([S("b", 1), S("a", 2)]))
class L(list):
    def __eq__(self, other):
        return True
print(L([1]) == [2], L() != [], L([1]) == L([1]))
class D(dict):
    def __getitem__(self, k):
        return super().__getitem__(k) * 2
    def get(self, k, default=None):
        return "custom"
d = D(a=2)
print(d["a"], d.get("a"), dict(d), list(d.values()), {**d})
class N(int):
    def __add__(self, other):
        return N(int(self) + int(other) + 100)
    def __repr__(self):
        return f"N({int(self)})"
n = N(1)
print(n + 1, 1 + n, sum([n, n]), n * 2, repr(n), f"{n}", str(n), n == 1, [n])
class F(float): pass
print(F(1.5) + F(2), F("2.5"), F(), type(F(1) * 2).__name__, F(3) / 2, F(2) ** 2, F(1) < 2)
class T(tuple): pass
t = T([1, 2])
print(t, t + t, t * 2, t[0], t[-1:], T(), T("ab"), (1, 2) == t, hash(t) == hash((1, 2)))
import copy
lc = copy.copy(L([1, 2]))
print(type(lc).__name__, lc)
dd = copy.deepcopy(D(a=1))
print(type(dd).__name__)
class Tagged(list):
    pass
tg = Tagged([[1], [2]])
tg.name = "t"
c1, c2 = copy.copy(tg), copy.deepcopy(tg)
print(c1, c1.name, c1[0] is tg[0], c2, c2[0] is tg[0], type(c2).__name__, c2.name)
class P(tuple): pass
class M(int): pass
class Fz(frozenset): pass
class St(set): pass
print(copy.copy(P([1, 2])), copy.deepcopy(M(5)) + 1, type(copy.copy(M(5))).__name__, sorted(copy.deepcopy(Fz([1]))), type(copy.copy(St([1]))).__name__, copy.deepcopy(D(a=[1])))
