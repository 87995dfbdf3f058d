# "..." % obj formats obj even when its class has __rmod__ (a Fraction, a Decimal-like class):
# str's own % comes first, as in CPython.
from fractions import Fraction


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __rmod__(self, other):
        return "rmod called"

    def __mod__(self, other):
        return Money(self.cents % other)

    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)


print("Result: %s" % Fraction(3, 6), "%r" % Fraction(1, 3), "%s and %s" % (Fraction(1), Money(250)))
print("%s" % Money(1999), "%d%%" % 5, str(Money(7) % 5), 7 % Fraction(2))
print(b"%s" % b"x", b"%d" % 3)
try:
    print("%d" % Money(1))
except TypeError as e:
    print(e)
try:
    print("no args" % Money(1))
except TypeError as e:
    print(e)
