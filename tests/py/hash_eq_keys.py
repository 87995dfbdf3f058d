# Dict and set keys that are instances of classes with __hash__/__eq__.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __hash__(self):
        return hash((self.x, self.y))

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


d = {Point(1, 2): "a"}
print(d[Point(1, 2)])
d[Point(1, 2)] = "b"
print(len(d), d)
print(Point(1, 2) in d, Point(2, 1) in d)
print(d.get(Point(1, 2)), d.get(Point(3, 3), "none"))
s = {Point(0, 0), Point(0, 0), Point(1, 1)}
print(len(s), Point(1, 1) in s)
s.add(Point(1, 1))
s.discard(Point(0, 0))
print(sorted(s, key=lambda p: p.x))
print({Point(1, 1)} == {Point(1, 1)}, {Point(1, 1)} & {Point(1, 1), Point(2, 2)})
print({Point(1, 1), Point(2, 2)} - {Point(1, 1)}, {Point(1, 1)} | {Point(1, 1)})
print({Point(1, 1)} <= {Point(1, 1), Point(5, 5)})
print(d.pop(Point(1, 2)), d)
t = {(Point(1, 2), 3): "tuple key"}
print(t[(Point(1, 2), 3)])
print({Point(1, 2): 1} == {Point(1, 2): 1})
print(set([Point(4, 4), Point(4, 4)]), frozenset([Point(4, 4)]) == frozenset([Point(4, 4)]))
print(dict.fromkeys([Point(1, 1), Point(1, 1)]))
print(list({Point(3, 3): 0, Point(3, 3): 1}.items()))


# __eq__ is called only when the hashes match, stored key first.
class Loud:
    def __init__(self, n, h):
        self.n = n
        self.h = h

    def __hash__(self):
        print("hash", self.n)
        return self.h

    def __eq__(self, other):
        print("eq", self.n, other.n)
        return self.n == other.n


d = {}
d[Loud(1, 7)] = 1
d[Loud(2, 7)] = 2
d[Loud(3, 8)] = 3
print(len(d))
print(d[Loud(2, 7)])
print(Loud(9, 9) in d)


# Hash only: equality stays identity.
class ByName:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name)


a, b = ByName("x"), ByName("x")
print(len({a, b}), len({a, a}))


# __eq__ without __hash__ makes the class unhashable.
class EqOnly:
    def __eq__(self, other):
        return True


print(EqOnly.__hash__)
for make in (lambda: {EqOnly()}, lambda: {EqOnly(): 1}, lambda: hash(EqOnly())):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)


class Child(Point):
    def __eq__(self, other):
        return False


print(Child.__hash__)
try:
    {Child(1, 2)}
except TypeError as e:
    print("TypeError:", e)


class Rehashed(Point):
    def __eq__(self, other):
        return super().__eq__(other)

    __hash__ = Point.__hash__


print({Rehashed(1, 1): 1}[Rehashed(1, 1)])


# A __hash__ that fails, or returns a non-int.
class BadHash:
    def __hash__(self):
        raise ValueError("no hash")


try:
    {BadHash(): 1}
except ValueError as e:
    print("ValueError:", e)


class StrHash:
    def __hash__(self):
        return "x"


try:
    {StrHash()}
except TypeError as e:
    print("TypeError:", e)


# An __eq__ that raises propagates from the lookup.
class EqRaises:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError("eq failed")


d = {EqRaises(): 1}
try:
    d[EqRaises()]
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    d[EqRaises()] = 5
except RuntimeError as e:
    print("RuntimeError:", e)


# Missing keys still raise KeyError with the key's repr.
try:
    {Point(1, 1): 0}[Point(9, 9)]
except KeyError as e:
    print("KeyError:", e)

# Counting with instances as keys.
counts = {}
for p in [Point(1, 1), Point(2, 2), Point(1, 1)]:
    counts[p] = counts.get(p, 0) + 1
print(counts)
counts.setdefault(Point(2, 2), 100)
print(counts)
del counts[Point(1, 1)]
print(counts)
