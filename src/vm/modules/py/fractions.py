# concsim's fractions: the Fraction class of CPython 3.11 (from ints, Fractions, floats and
# strings such as "3/4", "-1.25e2"; from_float, limit_denominator, as_integer_ratio;
# arithmetic with ints and Fractions exact, with floats in float; comparisons, hashing,
# rounding, repr/str) with CPython's errors.
# Invariant: a Fraction is (numerator, denominator) in lowest terms with denominator > 0
# (except one built with _normalize=False by the arithmetic, which keeps it so itself), so
# equal values are equal pairs and the hash is that of the equal int or float.
# Not supported: Decimal (concsim has no decimal: from_decimal raises NotImplementedError),
# complex operands, the numbers ABCs (a Fraction is no numbers.Rational here).

import math
import operator
import re

__all__ = ["Fraction"]

_HASH_MODULUS = 2 ** 61 - 1
_HASH_INF = 314159

# CPython's grammar, including its accepting "1." and a fractional part of letters d.
_RATIONAL_FORMAT = re.compile(
    r"\A\s*(?P<sign>[-+]?)(?=\d|\.\d)(?P<num>\d*|\d+(_\d+)*)"
    r"(?:(?:/(?P<denom>\d+(_\d+)*))?|(?:\.(?P<decimal>d*|\d+(_\d+)*))?"
    r"(?:E(?P<exp>[-+]?\d+(_\d+)*))?)\s*\Z", re.IGNORECASE)


def _rational(x):
    return isinstance(x, (int, Fraction))


class Fraction:
    __slots__ = ("_numerator", "_denominator")

    def __new__(cls, numerator=0, denominator=None, *, _normalize=True):
        self = super(Fraction, cls).__new__(cls)
        if denominator is None:
            if type(numerator) is int:
                self._numerator = numerator
                self._denominator = 1
                return self
            if isinstance(numerator, int):
                self._numerator = int(numerator)
                self._denominator = 1
                return self
            if isinstance(numerator, Fraction):
                self._numerator = numerator._numerator
                self._denominator = numerator._denominator
                return self
            if isinstance(numerator, float):
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            if not isinstance(numerator, str):
                raise TypeError("argument should be a string "  # cpython-line 140
                                "or a Rational instance")
            m = _RATIONAL_FORMAT.match(numerator)
            if m is None:
                raise ValueError('Invalid literal for Fraction: %r' %  # cpython-line 115
                                 numerator)
            n = int(m.group("num") or "0")
            d = 1
            if m.group("denom"):
                d = int(m.group("denom"))
            else:
                decimal = m.group("decimal")
                if decimal:
                    decimal = decimal.replace("_", "")
                    scale = 10 ** len(decimal)
                    n = n * scale + int(decimal)
                    d = scale
                exp = m.group("exp")
                if exp:
                    exp = int(exp)
                    if exp >= 0:
                        n *= 10 ** exp
                    else:
                        d *= 10 ** -exp
            if m.group("sign") == "-":
                n = -n
            numerator, denominator = n, d
        elif _rational(numerator) and _rational(denominator):
            n1, d1 = _pair(numerator)
            n2, d2 = _pair(denominator)
            numerator, denominator = n1 * d2, n2 * d1
        else:
            raise TypeError("both arguments should be "  # cpython-line 153
                            "Rational instances")
        if denominator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % numerator)  # cpython-line 157
        if _normalize:
            g = math.gcd(numerator, denominator)
            if denominator < 0:
                g = -g
            numerator //= g
            denominator //= g
        self._numerator = numerator
        self._denominator = denominator
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError("%s.from_float() only takes floats, not %r (%s)" %  # cpython-line 178
                            (cls.__name__, f, type(f).__name__))
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        raise NotImplementedError("concsim does not support decimal yet")

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        # The closest fraction with a denominator at most max_denominator: walk the continued
        # fraction's convergents p1/q1 until the next would exceed the bound, then choose
        # between the last convergent and the best semiconvergent before it.
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")  # cpython-line 235
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        if 2 * d * (q0 + k * q1) <= self._denominator:
            return Fraction(p1, q1, _normalize=False)
        return Fraction(p0 + k * p1, q0 + k * q1, _normalize=False)

    @property
    def numerator(a):
        return a._numerator

    @property
    def denominator(a):
        return a._denominator

    def __repr__(self):
        return "%s(%s, %s)" % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return "%s/%s" % (self._numerator, self._denominator)

    def _add(a, b):
        return Fraction(a._numerator * b._denominator + b._numerator * a._denominator,
                        a._denominator * b._denominator)

    def _sub(a, b):
        return Fraction(a._numerator * b._denominator - b._numerator * a._denominator,
                        a._denominator * b._denominator)

    def _mul(a, b):
        return Fraction(a._numerator * b._numerator, a._denominator * b._denominator)

    def _div(a, b):
        n, d = a._numerator * b._denominator, a._denominator * b._numerator
        # Dividing by zero leaves the sign of n as numerator: CPython's message.
        g = math.gcd(n, d) or 1
        if d < 0:
            g = -g
        n //= g
        d //= g
        return Fraction(n, d, _normalize=False)  # cpython-line 516

    def _floordiv(a, b):
        return (a._numerator * b._denominator) // (a._denominator * b._numerator)

    def _divmod(a, b):
        da, db = a._denominator, b._denominator
        div, n_mod = divmod(a._numerator * db, da * b._numerator)
        return div, Fraction(n_mod, da * db)

    def _mod(a, b):
        da, db = a._denominator, b._denominator
        return Fraction((a._numerator * db) % (b._numerator * da), da * db)

    def __pow__(a, b):
        if _rational(b):
            b = Fraction(b)
            if b._denominator == 1:
                power = b._numerator
                if power >= 0:
                    return Fraction(a._numerator ** power, a._denominator ** power, _normalize=False)
                if a._numerator >= 0:
                    return Fraction(a._denominator ** -power, a._numerator ** -power, _normalize=False)
                return Fraction((-a._denominator) ** -power, (-a._numerator) ** -power, _normalize=False)
            return float(a) ** float(b)
        return float(a) ** b

    def __rpow__(b, a):
        if b._denominator == 1 and b._numerator >= 0:
            return a ** b._numerator
        if _rational(a):
            return Fraction(a) ** b
        if b._denominator == 1:
            return a ** b._numerator
        return a ** float(b)

    def __pos__(a):
        return Fraction(a._numerator, a._denominator, _normalize=False)

    def __neg__(a):
        return Fraction(-a._numerator, a._denominator, _normalize=False)

    def __abs__(a):
        return Fraction(abs(a._numerator), a._denominator, _normalize=False)

    def __int__(a):
        return operator.index(a.__trunc__())

    def __trunc__(a):
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        return a._numerator // a._denominator

    def __floor__(a):
        return a._numerator // a._denominator

    def __ceil__(a):
        return -(-a._numerator // a._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self._numerator, self._denominator)
            twice = remainder * 2
            if twice < self._denominator or (twice == self._denominator and floor % 2 == 0):
                return floor
            return floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(a):
        return a._numerator / a._denominator

    def __hash__(self):
        # The hash of the equal int or float: numerator / denominator modulo 2**61 - 1.
        try:
            dinv = pow(self._denominator, -1, _HASH_MODULUS)
        except ValueError:
            h = _HASH_INF
        else:
            h = hash(hash(abs(self._numerator)) * dinv)
        result = h if self._numerator >= 0 else -h
        return -2 if result == -1 else result

    def __eq__(a, b):
        if _rational(b):
            n, d = _pair(b)
            return a._numerator == n and a._denominator == d
        if isinstance(b, float):
            if math.isnan(b) or math.isinf(b):
                return 0.0 == b
            return a == a.from_float(b)
        return NotImplemented

    def _richcmp(self, other, op):
        if _rational(other):
            n, d = _pair(other)
            return op(self._numerator * d, self._denominator * n)
        if isinstance(other, float):
            if math.isnan(other) or math.isinf(other):
                return op(0.0, other)
            return op(self, self.from_float(other))
        return NotImplemented

    def __lt__(a, b):
        return a._richcmp(b, operator.lt)

    def __gt__(a, b):
        return a._richcmp(b, operator.gt)

    def __le__(a, b):
        return a._richcmp(b, operator.le)

    def __ge__(a, b):
        return a._richcmp(b, operator.ge)

    def __bool__(a):
        return bool(a._numerator)

    def __reduce__(self):
        return (self.__class__, (self._numerator, self._denominator))

    def __copy__(self):
        if type(self) == Fraction:
            return self
        return self.__class__(self._numerator, self._denominator)

    def __deepcopy__(self, memo):
        return self.__copy__()


def _pair(x):
    if isinstance(x, Fraction):
        return x._numerator, x._denominator
    return int(x), 1


def _operators(monomorphic_operator, fallback_operator):
    # The forward and reflected method of one binary operator: exact with ints and Fractions,
    # in float with floats, NotImplemented otherwise.
    def forward(a, b):
        if _rational(b):
            b = Fraction(b)
            return monomorphic_operator(a, b)  # cpython-line 359
        if isinstance(b, float):
            return fallback_operator(float(a), b)  # cpython-line 361
        return NotImplemented

    def reverse(b, a):
        if _rational(a):
            a = Fraction(a)
            return monomorphic_operator(a, b)  # cpython-line 372
        if isinstance(a, float):
            return fallback_operator(float(a), float(b))  # cpython-line 374
        return NotImplemented
    return forward, reverse


Fraction.__add__, Fraction.__radd__ = _operators(Fraction._add, operator.add)
Fraction.__sub__, Fraction.__rsub__ = _operators(Fraction._sub, operator.sub)
Fraction.__mul__, Fraction.__rmul__ = _operators(Fraction._mul, operator.mul)
Fraction.__truediv__, Fraction.__rtruediv__ = _operators(Fraction._div, operator.truediv)
Fraction.__floordiv__, Fraction.__rfloordiv__ = _operators(Fraction._floordiv, operator.floordiv)
Fraction.__divmod__, Fraction.__rdivmod__ = _operators(Fraction._divmod, divmod)
Fraction.__mod__, Fraction.__rmod__ = _operators(Fraction._mod, operator.mod)
