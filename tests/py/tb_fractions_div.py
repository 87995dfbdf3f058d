# The traceback of a division by a zero Fraction passes through CPython's fractions.py
# (forward, _div, __new__).
from fractions import Fraction

half = Fraction(1, 2)
print(half / 3)
print(half / Fraction(0))
