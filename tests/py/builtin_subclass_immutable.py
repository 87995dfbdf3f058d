# int, float, str, bytes and tuple subclasses: __new__ with super().__new__(cls, ...), arithmetic returning the base type, hashing as the value, formatting, errors.
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    @property
    def y(self):
        return self[1]
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

p = Point(1, 2)
print(p, p.x, p.y, len(p), p == (1, 2), p + (3,), type(p + (3,)).__name__, isinstance(p, tuple))
a, b = p
print(a, b, {p: "here"}[(1, 2)], hash(p) == hash((1, 2)), tuple(p), list(p), p[::-1], p.index(2), p.count(1))
print(sorted([Point(3, 1), Point(1, 5)]), max(Point(1, 9)), str(p), f"{p!r}")

class Celsius(float):
    def __new__(cls, degrees):
        if degrees < -273.15:
            raise ValueError("below absolute zero")
        return super().__new__(cls, degrees)
    def to_f(self):
        return self * 9 / 5 + 32

c = Celsius(100)
print(c, repr(c), c.to_f(), c + 1, type(c + 1).__name__, c > 50, round(c), int(c), float(c), f"{c:.1f}", -c, abs(Celsius(-5)))
try:
    Celsius(-300)
except ValueError as e:
    print("ValueError:", e)

class Money(int):
    def __str__(self):
        return f"${int(self)}"
m = Money(5)
print(m, repr(m), m + 2, type(m + 2).__name__, 2 * m, m * 2, m // 2, m % 3, m ** 2, m == 5, m < 10, [1, 2, 3, 4, 5, 6][m], range(m), hex(m), f"{m:03d}", f"{m}", str(m), m.bit_length(), bool(Money(0)))
print({5: "five"}[m], {m: 1}, m & 1, m | 2, m << 1, divmod(m, 2), -m, ~m, m.real, isinstance(m, int))

class Name(str):
    def shout(self):
        return self.upper() + "!"
n = Name("bob")
print(n, repr(n), n.shout(), n + "by", type(n + "x").__name__, n * 2, len(n), n[0], n[1:], "o" in n, n == "bob", {n: 1}["bob"], {"bob": 2}[n])
print(n.split("o"), "-".join([n, n]), n.startswith("b"), f"<{n}>", f"{n:>5}", "%s!" % n, n.capitalize(), list(n), sorted(Name("cab")), int(Name("12")) + 1, str.upper(n))
print(Name(42), Name(), type(Name()).__name__, isinstance(n, str), n.__class__.__name__, hash(n) == hash("bob"))
import json
print(json.dumps({n: Money(3), "p": Point(1, 2)}))

class Tagged(int):
    def __new__(cls, value, tag):
        obj = super().__new__(cls, value)
        obj.tag = tag
        return obj
t = Tagged(7, "lucky")
print(t, t.tag, t + 1, vars(t))
print(int.__new__(int, "12"), tuple.__new__(tuple, [1]))
try:
    int.__new__(Name, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError:", e)
class Blob(bytes):
    pass
bl = Blob(b"ab")
print(bl, len(bl), bl[0], bl + b"c", bl.decode(), bl == b"ab", isinstance(bl, bytes))
class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
    def __eq__(self, other):
        return str(self).lower() == str(other).lower()
    __hash__ = str.__hash__
u = Upper("hi")
print(u, u == "hi", u == "HI", u != "x", {u: 1})
