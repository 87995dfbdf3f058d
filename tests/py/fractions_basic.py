# fractions.Fraction: construction (int, str, float, Fraction), normal form, arithmetic with
# ints, Fractions and floats, comparisons, hashing, rounding, limit_denominator, errors.
import copy
import math
from fractions import Fraction

print(Fraction(), Fraction(3), Fraction(6, -4), Fraction(-6, -4), Fraction(0, 5), repr(Fraction(6, 4)))
print(Fraction(Fraction(1, 3)), Fraction(Fraction(1, 3), Fraction(2, 5)), Fraction(3, Fraction(1, 2)), Fraction(True))
for s in ["3/4", " -3/4 ", "+7", "1.25", "-1.25e2", "1e-3", ".5", "5.", "1_000/3", "2E+2", "  10 /  4 ", "0.000", "3.1_4"]:
    print(repr(s), Fraction(s))
print(Fraction(0.5), Fraction(0.1), Fraction(-2.75), Fraction(1e20), Fraction.from_float(0.25), Fraction.from_float(3))
print(Fraction(1, 3).numerator, Fraction(2, 6).denominator, Fraction(-3, 9).as_integer_ratio())
a, b = Fraction(1, 3), Fraction(3, 4)
print(a + b, a - b, a * b, a / b, b // a, b % a, divmod(b, a), -a, +a, abs(-b))
print(a + 1, 1 + a, a - 2, 2 - a, a * 3, 3 * a, a / 2, 2 / a, 7 // a, 7 % b, divmod(7, b))
print(a + 0.5, 0.5 + a, a * 1.5, 1.0 / b, b ** 2, b ** -2, (-b) ** -3, b ** 0, 2 ** Fraction(3), 4 ** Fraction(1, 2))
print(b ** 0.5, Fraction(9, 4) ** Fraction(1, 2), 2.0 ** Fraction(2), Fraction(-1, 2) ** 3, type(2 ** Fraction(3)).__name__)
print(a < b, a > b, a <= a, a >= b, a == Fraction(2, 6), a != b, Fraction(2) == 2, 2 == Fraction(2))
print(Fraction(1, 2) == 0.5, 0.5 == Fraction(1, 2), Fraction(1, 3) == 1 / 3, Fraction(1, 2) < 0.6, 0.25 < Fraction(1, 2))
print(Fraction(5) < float("inf"), Fraction(5) > float("-inf"), Fraction(5) == float("nan"), Fraction(5) < float("nan"))
print(Fraction(1, 2) == "1/2", sorted([Fraction(3, 2), 1, 0.5, Fraction(-1, 7)]), max(Fraction(7, 3), 2))
print(hash(Fraction(4, 2)) == hash(2), hash(Fraction(1, 2)) == hash(0.5), hash(Fraction(-5)), hash(Fraction(1, 3)), hash(Fraction(-1)))
print(len({Fraction(1, 2), 0.5, Fraction(2, 4), 1, Fraction(1)}))
print(math.floor(Fraction(-7, 2)), math.ceil(Fraction(-7, 2)), math.trunc(Fraction(-7, 2)), int(Fraction(-7, 2)), int(Fraction(7, 2)))
print(round(Fraction(5, 2)), round(Fraction(7, 2)), round(Fraction(-5, 2)), round(Fraction(1, 3)), round(Fraction(2, 3)))
print(round(Fraction(22, 7), 2), round(Fraction(12345, 1), -2), round(Fraction(-1, 8), 2), float(Fraction(1, 3)), float(Fraction(10 ** 400, 3 * 10 ** 399)))
print(bool(Fraction(0)), bool(Fraction(1, 9)), str(Fraction(-3, 4)), str(Fraction(8, 4)))
print(Fraction("3.141592653589793").limit_denominator(10), Fraction("3.141592653589793").limit_denominator(100), Fraction(1, 3).limit_denominator(5))
print(Fraction(3.141592653589793).limit_denominator(), Fraction(0.1).limit_denominator(1000), Fraction(-7, 22).limit_denominator(3), Fraction(5, 2).limit_denominator(1))
print(copy.copy(a) is a, copy.deepcopy(a) is a, a.__reduce__())
print(sum([Fraction(1, n) for n in range(1, 11)]), Fraction(1, 10) * 10 == 1)


class Sub(Fraction):
    pass


s = Sub(2, 4)
print(repr(s), type(s + 1).__name__, type(copy.copy(s)).__name__, isinstance(s, Fraction))

for f in (lambda: Fraction(1, 0), lambda: Fraction("1/0"), lambda: Fraction(3, 4) / 0, lambda: Fraction(-3, 4) / Fraction(0),
          lambda: 5 / Fraction(0), lambda: Fraction(0) ** -1, lambda: Fraction(0, 3) / 0, lambda: Fraction(1, 2) // 0,
          lambda: Fraction(1, 2) % 0, lambda: divmod(Fraction(1), 0),
          lambda: Fraction("abc"), lambda: Fraction("1/2/3"), lambda: Fraction("1.2/3"), lambda: Fraction(""), lambda: Fraction("1 /"),
          lambda: Fraction(" / 2"), lambda: Fraction("1__0"), lambda: Fraction("_1"), lambda: Fraction([1]), lambda: Fraction(1.5, 2),
          lambda: Fraction(1, "2"), lambda: Fraction(float("nan")), lambda: Fraction(float("inf")), lambda: Fraction.from_float("1"),
          lambda: Fraction.from_float(Fraction(1)), lambda: Fraction(1).limit_denominator(0), lambda: Fraction(1, 2) + "a",
          lambda: "a" * Fraction(1, 2), lambda: Fraction(1) < "a", lambda: Fraction(1, 2) + None, lambda: int(Fraction(1, 2) * 1.0 / 0)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
