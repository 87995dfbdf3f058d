# math's float functions accept objects with __float__ (a Fraction, a user class), as CPython's.
import math
from fractions import Fraction


class Temperature:
    def __init__(self, kelvin):
        self.kelvin = kelvin

    def __float__(self):
        return self.kelvin


class Bad:
    def __float__(self):
        return 1


print(math.sqrt(Fraction(1, 4)), math.exp(Fraction(0)), math.log(Fraction(1)), math.pow(Fraction(1, 2), 2))
print(math.sin(Temperature(0.0)), math.sqrt(Temperature(16.0)), math.atan2(Fraction(1), Temperature(1.0)), math.hypot(3, 4))
print(math.log(Fraction(8), 2), math.degrees(Fraction(1)), math.isfinite(Fraction(1, 3)))
for f in (lambda: math.sqrt(Bad()), lambda: math.sqrt("4"), lambda: math.sqrt(Fraction(-1)), lambda: math.sqrt(object())):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
