# numbers: CPython 3.11's numeric tower of abstract base classes: Number > Complex > Real >
# Rational > Integral, with the abstract methods CPython declares (so a subclass missing one
# cannot be instantiated, with CPython's message) and the mixin methods it gives.
# Invariant: int and bool are Integral, float is Real (registered, as in CPython), Fraction is
# Rational and Decimal a Number (by __subclasshook__, as their modules do not import this one),
# and nothing else is unless registered or subclassed.
# Not supported: complex (concsim has no complex type), so Complex has no registered builtin.

from abc import ABCMeta, abstractmethod

__all__ = ["Number", "Complex", "Real", "Rational", "Integral"]


class Number(metaclass=ABCMeta):
    __slots__ = ()
    __hash__ = None


def _abstract(cls, names):
    for n in names.split():
        def f(self, *args):
            raise NotImplementedError
        f.__name__ = n
        setattr(cls, n, abstractmethod(f))
    cls.__abstractmethods__ = frozenset(list(cls.__abstractmethods__) + names.split())


class Complex(Number):
    __slots__ = ()

    def __bool__(self):
        return self != 0

    def __sub__(self, other):
        return self + -other

    def __rsub__(self, other):
        return -self + other


_abstract(Complex, "__complex__ real imag __add__ __radd__ __neg__ __pos__ __mul__ __rmul__ "
          "__truediv__ __rtruediv__ __pow__ __rpow__ __abs__ conjugate __eq__")


class Real(Complex):
    __slots__ = ()

    def __complex__(self):
        return complex(float(self))

    @property
    def real(self):
        return +self

    @property
    def imag(self):
        return 0

    def conjugate(self):
        return +self

    def __divmod__(self, other):
        return (self // other, self % other)

    def __rdivmod__(self, other):
        return (other // self, other % self)


_abstract(Real, "__float__ __trunc__ __floor__ __ceil__ __round__ __floordiv__ __rfloordiv__ "
          "__mod__ __rmod__ __lt__ __le__")
Real.__abstractmethods__ = Real.__abstractmethods__ - {"__complex__", "real", "imag", "conjugate"}


class Rational(Real):
    __slots__ = ()

    def __float__(self):
        return int(self.numerator) / int(self.denominator)


_abstract(Rational, "numerator denominator")
Rational.__abstractmethods__ = Rational.__abstractmethods__ - {"__float__"}


class Integral(Rational):
    __slots__ = ()

    def __int__(self):
        raise NotImplementedError

    def __index__(self):
        return int(self)

    def __float__(self):
        return float(int(self))

    @property
    def numerator(self):
        return +self

    @property
    def denominator(self):
        return 1


_abstract(Integral, "__int__ __pow__ __lshift__ __rlshift__ __rshift__ __rrshift__ __and__ "
          "__rand__ __xor__ __rxor__ __or__ __ror__ __invert__")
Integral.__abstractmethods__ = Integral.__abstractmethods__ - {"__float__", "numerator",
                                                               "denominator", "__index__"}

Real.register(float)
Integral.register(int)


def _fraction_hook(cls, C):
    # fractions.Fraction is a Rational in CPython (it subclasses it); concsim's does not
    # import numbers, so the tower recognises it here.
    if getattr(C, "__module__", None) == "fractions" and C.__name__ == "Fraction":
        return cls in (Number, Complex, Real, Rational)
    if getattr(C, "__module__", None) == "decimal" and C.__name__ == "Decimal":
        return cls is Number
    return NotImplemented


Number.__subclasshook__ = classmethod(_fraction_hook)
