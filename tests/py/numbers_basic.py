import numbers
from fractions import Fraction

for v in (1, True, 1.5, "x", None, Fraction(1, 3)):
    print(repr(v), [c.__name__ for c in (numbers.Number, numbers.Complex, numbers.Real,
                                          numbers.Rational, numbers.Integral) if isinstance(v, c)])
print(issubclass(bool, numbers.Integral), issubclass(float, numbers.Integral))


class Meters(numbers.Real):
    pass


try:
    Meters()
except TypeError as e:
    print(str(e)[:60])


def scale(x):
    if not isinstance(x, numbers.Number):
        raise TypeError("need a number, got %s" % type(x).__name__)
    return x * 2


print(scale(3), scale(2.5))
try:
    scale("a")
except TypeError as e:
    print(e)
numbers.Number.register(str)
print(isinstance("s", numbers.Number), isinstance("s", numbers.Real))
