# Reflected operators of a right operand whose type subclasses the left's are tried first;
# dict/set lookups with keys equal across types (issue 16).


class Base:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return "Base.__add__"

    def __radd__(self, other):
        return "Base.__radd__"

    def __mul__(self, other):
        return "Base.__mul__"

    def __lt__(self, other):
        return "Base.__lt__"

    def __gt__(self, other):
        return "Base.__gt__"

    def __eq__(self, other):
        return "Base.__eq__"


class Derived(Base):
    def __radd__(self, other):
        return "Derived.__radd__"

    def __gt__(self, other):
        return "Derived.__gt__"

    def __eq__(self, other):
        return "Derived.__eq__"


class Same(Base):
    pass


print(Base(1) + Derived(2), Derived(1) + Base(2), Base(1) + Same(2), Base(1) * Derived(2))
print(Base(1) < Derived(2), Derived(1) < Base(2), Base(1) == Derived(2), Derived(1) == Base(2))


class Money(float):
    def __radd__(self, other):
        return "Money.__radd__"

    def __rsub__(self, other):
        return NotImplemented


print(1.5 + Money(2), Money(2) + 1.5)
try:
    print(1.5 - Money(2))
except TypeError as e:
    print(e)


class MyInt(int):
    def __rmul__(self, other):
        return "MyInt.__rmul__"


print(3 * MyInt(4), MyInt(4) * 3, 3 + MyInt(4))


class Key:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return hash(self.n)

    def __eq__(self, other):
        return self.n == other


d = {1: 'one', 2: 'two', 'a': 'A'}
print(d[Key(1)], Key(2) in d, d.get(Key(3), 'none'), Key(1.0) in d, d[Key(True)])
d[Key(1)] = 'uno'
print(d, len(d))
s = {1, 2, 3}
print(Key(2) in s, Key(5) in s)
e = {Key(7): 'seven'}
print(e[7], 7 in e, e.get(7))
print(len({1j, complex(0, 1), 1, 1 + 0j}), {1: 'x'}[1 + 0j], {1.0: 'f'}[True])
print(d.pop(Key(2)), d)
print(Base(1) < Same(2), Base(1) == Same(2), Base(1) + Same(2), Same(1) < Base(2))


class Vec:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        return "Vec.__radd__"


class Vec2(Vec):
    def __radd__(self, other):
        return NotImplemented


class Plain:
    pass


try:
    print(Vec(1) + Vec2(2))
except TypeError as e:
    print(e)
print(Plain() == Plain(), Plain() != Plain())
