# decimal: CPython 3.11's Decimal in the General Decimal Arithmetic design, exactly rounded:
# construction from str/int/float/tuple, + - * / // % divmod, ** with an integer exponent,
# sqrt, comparisons (with int, float, Fraction-free), hash equal to int/float for equal
# values, int/float/round, quantize, to_integral_value, normalize, as_tuple, adjusted,
# copy_abs/copy_negate/copy_sign, the is_* predicates, str/repr (scientific string) and
# format() with the f/e/g/% types; Context (prec, rounding, traps, flags), getcontext/
# setcontext/localcontext per thread and per task (a context variable, as CPython's), and the
# signals as exceptions with CPython's "[<class 'decimal.X'>]" messages.
# Invariant: a Decimal is (sign, coefficient, exponent) or a special (NaN, sNaN, Infinity);
# every arithmetic result is the exact result rounded once to the context's precision with its
# rounding mode, as the specification (and CPython's libmpdec) requires.
# Not supported: Emin/Emax (exponent limits: no Overflow, Underflow, Subnormal or Clamped),
# ln/log10/exp and non-integer powers (NotImplementedError), NaN payloads in arithmetic,
# the logical_* and *_toward operations, engineering strings (to_eng_string).

import contextvars as _cv

__all__ = ["Decimal", "Context", "DecimalTuple", "DefaultContext", "BasicContext",
           "ExtendedContext", "DecimalException", "Clamped", "InvalidOperation",
           "DivisionByZero", "Inexact", "Rounded", "Subnormal", "Overflow", "Underflow",
           "FloatOperation", "DivisionImpossible", "InvalidContext", "ConversionSyntax",
           "DivisionUndefined", "ROUND_DOWN", "ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_CEILING",
           "ROUND_FLOOR", "ROUND_UP", "ROUND_HALF_DOWN", "ROUND_05UP", "setcontext",
           "getcontext", "localcontext", "MAX_PREC", "MAX_EMAX", "MIN_EMIN", "MIN_ETINY",
           "HAVE_THREADS", "HAVE_CONTEXTVAR"]

from collections import namedtuple as _nt

DecimalTuple = _nt("DecimalTuple", "sign digits exponent")

ROUND_DOWN = "ROUND_DOWN"
ROUND_HALF_UP = "ROUND_HALF_UP"
ROUND_HALF_EVEN = "ROUND_HALF_EVEN"
ROUND_CEILING = "ROUND_CEILING"
ROUND_FLOOR = "ROUND_FLOOR"
ROUND_UP = "ROUND_UP"
ROUND_HALF_DOWN = "ROUND_HALF_DOWN"
ROUND_05UP = "ROUND_05UP"
_ROUNDINGS = (ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, ROUND_HALF_DOWN,
              ROUND_HALF_EVEN, ROUND_05UP)
MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
HAVE_THREADS = True
HAVE_CONTEXTVAR = True


class DecimalException(ArithmeticError):
    pass


class Clamped(DecimalException):
    pass


class InvalidOperation(DecimalException):
    pass


class ConversionSyntax(InvalidOperation):
    pass


class DivisionByZero(DecimalException, ZeroDivisionError):
    pass


class DivisionImpossible(InvalidOperation):
    pass


class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    pass


class Inexact(DecimalException):
    pass


class InvalidContext(InvalidOperation):
    pass


class Rounded(DecimalException):
    pass


class Subnormal(DecimalException):
    pass


class Overflow(Inexact, Rounded):
    pass


class Underflow(Inexact, Rounded, Subnormal):
    pass


class FloatOperation(DecimalException, TypeError):
    pass


_SIGNALS = [Clamped, DivisionByZero, Inexact, Overflow, Rounded, Underflow, InvalidOperation,
            Subnormal, FloatOperation]
for _c in _SIGNALS + [DecimalException, ConversionSyntax, DivisionImpossible, DivisionUndefined,
                      InvalidContext]:
    _c.__module__ = "decimal"


class _SignalDict:
    def __init__(self, on=()):
        self._d = {s: (s in on) for s in _SIGNALS}

    def __getitem__(self, k):
        return self._d[k]

    def __setitem__(self, k, v):
        if k not in self._d:
            raise KeyError("invalid signal dict")
        self._d[k] = bool(v)

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def copy(self):
        c = _SignalDict()
        c._d = dict(self._d)
        return c

    def __repr__(self):
        return "{" + ", ".join("<class 'decimal.%s'>:%s" % (k.__name__, v)
                               for k, v in self._d.items()) + "}"


class Context:
    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
                 clamp=None, flags=None, traps=None):
        dc = _default
        self.prec = dc.prec if prec is None else prec
        self.rounding = dc.rounding if rounding is None else rounding
        self.Emin = dc.Emin if Emin is None else Emin
        self.Emax = dc.Emax if Emax is None else Emax
        self.capitals = dc.capitals if capitals is None else capitals
        self.clamp = dc.clamp if clamp is None else clamp
        if traps is None:
            self.traps = dc.traps.copy()
        elif isinstance(traps, _SignalDict):
            self.traps = traps.copy()
        else:
            self.traps = _SignalDict(traps)
        self.flags = _SignalDict(flags or ()) if not isinstance(flags, _SignalDict) else flags.copy()

    def __setattr__(self, name, value):
        if name == "prec":
            if not isinstance(value, int):
                raise TypeError("an integer is required")
            if not 1 <= value <= MAX_PREC:
                raise ValueError("valid range for prec is [1, MAX_PREC]")
        elif name == "rounding":
            if value not in _ROUNDINGS:
                raise TypeError("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, "
                                "ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, "
                                "ROUND_HALF_EVEN,\n   ROUND_05UP]")
        object.__setattr__(self, name, value)

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals,
                       self.clamp, self.flags, self.traps)

    __copy__ = copy

    def clear_flags(self):
        for k in _SIGNALS:
            self.flags[k] = False

    def clear_traps(self):
        for k in _SIGNALS:
            self.traps[k] = False

    def _raise(self, signal, cause=None):
        self.flags[signal] = True
        if self.traps[signal]:
            raise signal([cause or signal])

    def create_decimal(self, num="0"):
        d = Decimal(num, self)
        return d._fix(self)

    def create_decimal_from_float(self, f):
        return Decimal.from_float(f)._fix(self)

    def Etiny(self):
        return self.Emin - self.prec + 1

    def Etop(self):
        return self.Emax - self.prec + 1

    def __repr__(self):
        flags = [s.__name__ for s, v in self.flags.items() if v]
        traps = [s.__name__ for s, v in self.traps.items() if v]
        return ("Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, "
                "flags=[%s], traps=[%s])" % (self.prec, self.rounding, self.Emin, self.Emax,
                                             self.capitals, self.clamp, ", ".join(flags),
                                             ", ".join(traps)))

    def add(self, a, b):
        return _dec(a)._add(_dec(b), self)

    def subtract(self, a, b):
        return _dec(a)._add(_dec(b)._neg(), self)

    def multiply(self, a, b):
        return _dec(a)._mul(_dec(b), self)

    def divide(self, a, b):
        return _dec(a)._div(_dec(b), self)

    def sqrt(self, a):
        return _dec(a).sqrt(self)

    def power(self, a, b, modulo=None):
        return _dec(a).__pow__(_dec(b), modulo, self)

    def quantize(self, a, b):
        return _dec(a).quantize(_dec(b), context=self)

    def abs(self, a):
        return _dec(a).__abs__(self)

    def plus(self, a):
        return _dec(a)._fix(self)


class _Default:
    prec = 28
    rounding = ROUND_HALF_EVEN
    Emin = -999999
    Emax = 999999
    capitals = 1
    clamp = 0
    traps = _SignalDict([InvalidOperation, DivisionByZero, Overflow])


_default = _Default
DefaultContext = Context()
_default = DefaultContext
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP, traps=[
    DivisionByZero, Overflow, InvalidOperation, Clamped, Underflow])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, traps=[])
_var = _cv.ContextVar("decimal_context")


def getcontext():
    try:
        return _var.get()
    except LookupError:
        c = DefaultContext.copy()
        c.clear_flags()
        _var.set(c)
        return c


def setcontext(context):
    if context in (DefaultContext, BasicContext, ExtendedContext):
        context = context.copy()
        context.clear_flags()
    if not isinstance(context, Context):
        raise TypeError("argument must be a context")
    _var.set(context)


class _LocalContext:
    def __init__(self, ctx):
        self.new_context = ctx

    def __enter__(self):
        self.saved = getcontext()
        setcontext(self.new_context)
        return self.new_context

    def __exit__(self, *args):
        setcontext(self.saved)


def localcontext(ctx=None, **kwargs):
    c = (getcontext() if ctx is None else ctx).copy()
    for k, v in kwargs.items():
        if k not in ("prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"):
            raise TypeError("'%s' is an invalid keyword argument for this function" % k)
        setattr(c, k, v)
    return _LocalContext(c)


def _digits(n):
    return len(str(n))


def _round_coeff(sign, c, drop, rounding):
    # Drops `drop` (> 0) digits from coefficient c; returns (new coefficient, inexact).
    p = 10 ** drop
    q, r = divmod(c, p)
    if r == 0:
        return q, False
    half = p // 2
    if rounding == ROUND_DOWN:
        up = False
    elif rounding == ROUND_UP:
        up = True
    elif rounding == ROUND_CEILING:
        up = sign == 0
    elif rounding == ROUND_FLOOR:
        up = sign == 1
    elif rounding == ROUND_HALF_UP:
        up = r >= half
    elif rounding == ROUND_HALF_DOWN:
        up = r > half
    elif rounding == ROUND_HALF_EVEN:
        up = r > half or (r == half and q % 2 == 1)
    else:
        up = q % 10 in (0, 5)
    return (q + 1 if up else q), True


class Decimal:
    __slots__ = ("_sign", "_int", "_exp", "_special")

    def __new__(cls, value="0", context=None):
        self = object.__new__(cls)
        self._special = ""
        self._sign = 0
        self._int = 0
        self._exp = 0
        if isinstance(value, Decimal):
            self._sign, self._int, self._exp, self._special = (value._sign, value._int,
                                                               value._exp, value._special)
        elif isinstance(value, bool) or isinstance(value, int):
            self._sign = 1 if value < 0 else 0
            self._int = abs(int(value))
        elif isinstance(value, float):
            return cls.from_float(value)
        elif isinstance(value, str):
            self._parse(value.strip().replace("_", "") if "_" not in value.strip()[:1] else "x",
                        context)
        elif isinstance(value, (tuple, list)) or type(value).__name__ == "DecimalTuple":
            value = tuple(value)
            if len(value) != 3:
                raise ValueError("argument must be a sequence of length 3")
            sign, digits, exp = value
            if sign not in (0, 1):
                raise ValueError("sign must be an integer with the value 0 or 1")
            self._sign = sign
            if exp == "F":
                self._special = "F"
            elif exp in ("n", "N"):
                self._special = exp
            else:
                if not isinstance(exp, int):
                    raise ValueError("exponent must be an integer")
                for d in digits:
                    if not (isinstance(d, int) and 0 <= d <= 9):
                        raise ValueError("coefficient must be a tuple of digits")
                self._int = int("".join(map(str, digits)) or "0")
                self._exp = exp
        else:
            raise TypeError("conversion from %s to Decimal is not supported" % type(value).__name__)
        return self

    def __init__(self, value="0", context=None):
        pass

    def _parse(self, s, context):
        t = s.lower()
        sign = 0
        if t[:1] in ("+", "-"):
            sign = 1 if t[0] == "-" else 0
            t = t[1:]
        self._sign = sign
        if t in ("inf", "infinity"):
            self._special = "F"
            return
        if t.startswith("nan") or t.startswith("snan"):
            payload = t[4:] if t.startswith("snan") else t[3:]
            if payload == "" or payload.isdigit():
                self._special = "N" if t.startswith("snan") else "n"
                self._int = int(payload or "0")
                return
        mant, e, exp = t.partition("e")
        ok = bool(mant) and (not e or (exp.lstrip("+-").isdigit() and exp[:1] != ""
                                       and exp.count("+") + exp.count("-") <= 1
                                       and exp.lstrip("+-") == exp[1:] or exp.isdigit()))
        ip, dot, fp = mant.partition(".")
        if not ok or not (ip + fp) or not (ip + fp).isdigit() or not (ip + fp).isascii():
            ctx = context or getcontext()
            ctx._raise(InvalidOperation, ConversionSyntax)
            self._special = "n"
            self._sign = 0
            return
        self._int = int(ip + fp)
        self._exp = (int(exp) if e else 0) - len(fp)

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError("argument must be int or float")
        if f != f:
            return cls("NaN")
        if f in (float("inf"), float("-inf")):
            return cls("-Infinity" if f < 0 else "Infinity")
        sign = 1 if (f < 0 or (f == 0 and str(f).startswith("-"))) else 0
        n, d = abs(f).as_integer_ratio()
        k = d.bit_length() - 1
        d = object.__new__(cls)
        d._sign, d._int, d._exp, d._special = sign, n * 5 ** k, -k, ""
        return d

    # helpers
    def _new(self, sign, c, exp, special=""):
        d = object.__new__(Decimal)
        d._sign, d._int, d._exp, d._special = sign, c, exp, special
        return d

    def _isnan(self):
        return self._special in ("n", "N")

    def _fix(self, ctx):
        if self._special:
            return self
        n = _digits(self._int)
        if n <= ctx.prec:
            return self
        drop = n - ctx.prec
        c, inexact = _round_coeff(self._sign, self._int, drop, ctx.rounding)
        exp = self._exp + drop
        if _digits(c) > ctx.prec:
            c //= 10
            exp += 1
        if inexact:
            ctx._raise(Inexact)
        ctx._raise(Rounded)
        return self._new(self._sign, c, exp)

    def _nan_check(self, other, ctx):
        if self._isnan() or (other is not None and other._isnan()):
            if self._special == "N" or (other is not None and other._special == "N"):
                ctx._raise(InvalidOperation)
            return self._new(0, 0, 0, "n")
        return None

    def _invalid(self, ctx, cause=None):
        ctx._raise(InvalidOperation, cause)
        return self._new(0, 0, 0, "n")

    def _neg(self):
        return self._new(1 - self._sign, self._int, self._exp, self._special)

    def _add(self, other, ctx):
        n = self._nan_check(other, ctx)
        if n is not None:
            return n
        if self._special or other._special:
            if self._special and other._special and self._sign != other._sign:
                return self._invalid(ctx)
            return self if self._special else other
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp) * (-1 if self._sign else 1)
        b = other._int * 10 ** (other._exp - exp) * (-1 if other._sign else 1)
        s = a + b
        if s == 0:
            if self._sign and other._sign:
                sign = 1
            elif self._sign != other._sign:
                sign = 1 if ctx.rounding == ROUND_FLOOR else 0
            else:
                sign = 0
            return self._new(sign, 0, exp)._fix(ctx)
        return self._new(1 if s < 0 else 0, abs(s), exp)._fix(ctx)

    def _mul(self, other, ctx):
        n = self._nan_check(other, ctx)
        if n is not None:
            return n
        sign = self._sign ^ other._sign
        if self._special or other._special:
            if (not self._special and self._int == 0) or (not other._special and other._int == 0):
                return self._invalid(ctx)
            return self._new(sign, 0, 0, "F")
        return self._new(sign, self._int * other._int, self._exp + other._exp)._fix(ctx)

    def _div(self, other, ctx):
        n = self._nan_check(other, ctx)
        if n is not None:
            return n
        sign = self._sign ^ other._sign
        if self._special or other._special:
            if self._special and other._special:
                return self._invalid(ctx)
            if self._special:
                return self._new(sign, 0, 0, "F")
            return self._new(sign, 0, 0)
        if other._int == 0:
            if self._int == 0:
                return self._invalid(ctx, DivisionUndefined)
            ctx._raise(DivisionByZero)
            return self._new(sign, 0, 0, "F")
        ideal = self._exp - other._exp
        if self._int == 0:
            return self._new(sign, 0, ideal)
        shift = _digits(other._int) - _digits(self._int) + ctx.prec + 1
        exp = self._exp - other._exp - shift
        if shift >= 0:
            q, r = divmod(self._int * 10 ** shift, other._int)
        else:
            q, r = divmod(self._int, other._int * 10 ** -shift)
        if r:
            if q % 5 == 0:
                q += 1
        else:
            while exp < ideal and q % 10 == 0:
                q //= 10
                exp += 1
        return self._new(sign, q, exp)._fix(ctx)

    def _divmod(self, other, ctx, mod=False):
        # (integer quotient, remainder) with the quotient truncated toward zero; `mod` when
        # only the remainder is wanted (x % 0 is then invalid, not a division by zero).
        n = self._nan_check(other, ctx)
        if n is not None:
            return n, n
        if mod and not other._special and other._int == 0 and (self._special or self._int):
            r = self._invalid(ctx)
            return r, r
        sign = self._sign ^ other._sign
        if self._special or other._special:
            if self._special and other._special:
                r = self._invalid(ctx)
                return r, r
            if self._special:
                return self._new(sign, 0, 0, "F"), self._invalid(ctx)
            return self._new(sign, 0, 0), self._fix(ctx)
        if other._int == 0:
            if self._int == 0:
                r = self._invalid(ctx, DivisionUndefined)
                return r, r
            ctx._raise(DivisionByZero)
            return self._new(sign, 0, 0, "F"), self._invalid(ctx)
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp)
        b = other._int * 10 ** (other._exp - exp)
        q, r = divmod(a, b)
        if _digits(q) > ctx.prec:
            r = self._invalid(ctx, DivisionImpossible)
            return r, r
        return self._new(sign, q, 0), self._new(self._sign, r, exp)._fix(ctx)

    def _cmp(self, other):
        # -1, 0, 1 (neither may be a NaN).
        if self._special or other._special:
            a = (-1 if self._sign else 1) if self._special else 0
            b = (-1 if other._sign else 1) if other._special else 0
            if a or b:
                if a == b:
                    return 0
                if a == 0:
                    return -b
                if b == 0:
                    return a
                return -1 if a < b else 1
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp) * (-1 if self._sign else 1)
        b = other._int * 10 ** (other._exp - exp) * (-1 if other._sign else 1)
        return (a > b) - (a < b)

    # public arithmetic
    def __add__(self, other, context=None):
        other = _conv(other, "+", self, False)
        if other is NotImplemented:
            return other
        return self._add(other, context or getcontext())

    def __radd__(self, other, context=None):
        other = _conv(other, "+", self, True)
        if other is NotImplemented:
            return other
        return other._add(self, context or getcontext())

    def __sub__(self, other, context=None):
        other = _conv(other, "-", self, False)
        if other is NotImplemented:
            return other
        return self._add(other._neg(), context or getcontext())

    def __rsub__(self, other, context=None):
        other = _conv(other, "-", self, True)
        if other is NotImplemented:
            return other
        return other._add(self._neg(), context or getcontext())

    def __mul__(self, other, context=None):
        other = _conv(other, "*", self, False)
        if other is NotImplemented:
            return other
        return self._mul(other, context or getcontext())

    def __rmul__(self, other, context=None):
        other = _conv(other, "*", self, True)
        if other is NotImplemented:
            return other
        return other._mul(self, context or getcontext())

    def __truediv__(self, other, context=None):
        other = _conv(other, "/", self, False)
        if other is NotImplemented:
            return other
        return self._div(other, context or getcontext())

    def __rtruediv__(self, other, context=None):
        other = _conv(other, "/", self, True)
        if other is NotImplemented:
            return other
        return other._div(self, context or getcontext())

    def __floordiv__(self, other, context=None):
        other = _conv(other, "//", self, False)
        if other is NotImplemented:
            return other
        return self._divmod(other, context or getcontext())[0]

    def __rfloordiv__(self, other, context=None):
        other = _conv(other, "//", self, True)
        if other is NotImplemented:
            return other
        return other._divmod(self, context or getcontext())[0]

    def __mod__(self, other, context=None):
        other = _conv(other, "%", self, False)
        if other is NotImplemented:
            return other
        return self._divmod(other, context or getcontext(), True)[1]

    def __rmod__(self, other, context=None):
        other = _conv(other, "%", self, True)
        if other is NotImplemented:
            return other
        return other._divmod(self, context or getcontext(), True)[1]

    def __divmod__(self, other, context=None):
        other = _conv(other, "divmod()", self, False)
        if other is NotImplemented:
            return other
        return self._divmod(other, context or getcontext())

    def __rdivmod__(self, other, context=None):
        other = _conv(other, "divmod()", self, True)
        if other is NotImplemented:
            return other
        return other._divmod(self, context or getcontext())

    def __pow__(self, other, modulo=None, context=None):
        other = _conv(other, "** or pow()", self, False)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        if modulo is not None:
            raise NotImplementedError("concsim does not support three-argument pow of Decimal "
                                      "yet")
        n = self._nan_check(other, ctx)
        if n is not None:
            return n
        if other._special or self._special or other._exp < 0 and other._int % 10 ** -other._exp:
            raise NotImplementedError("concsim does not support non-integer or infinite powers "
                                      "of Decimal yet")
        e = int(other)
        if e == 0:
            if self._int == 0:
                return self._invalid(ctx)
            return self._new(0, 1, 0)
        sign = self._sign if e % 2 else 0
        if e > 0 and self._int == 0:
            return self._new(sign, 0, 0)
        if e > 0:
            return self._new(sign, self._int ** e, self._exp * e)._fix(ctx)
        if self._int == 0:
            ctx._raise(DivisionByZero)
            return self._new(sign, 0, 0, "F")
        one = self._new(0, 1, 0)
        big = self._new(sign, self._int ** -e, self._exp * -e)
        return one._div(big, ctx)

    def __rpow__(self, other, modulo=None, context=None):
        other = _conv(other, "** or pow()", self, True)
        if other is NotImplemented:
            return other
        return other.__pow__(self, modulo, context)

    def __neg__(self, context=None):
        ctx = context or getcontext()
        if self._special:
            return self._neg()
        if self._int == 0:
            return self._new(1 if ctx.rounding == ROUND_FLOOR else 0, 0, self._exp)
        return self._neg()._fix(ctx)

    def __pos__(self, context=None):
        ctx = context or getcontext()
        if not self._special and self._int == 0:
            return self._new(1 if ctx.rounding == ROUND_FLOOR and self._sign else 0, 0, self._exp)
        return self._fix(ctx)

    def __abs__(self, round=True, context=None):
        d = self._new(0, self._int, self._exp, self._special)
        return d._fix(context or getcontext()) if round else d

    def sqrt(self, context=None):
        ctx = context or getcontext()
        n = self._nan_check(None, ctx)
        if n is not None:
            return n
        if self._int == 0 and not self._special:
            return self._new(self._sign, 0, self._exp >> 1)
        if self._sign:
            return self._invalid(ctx)
        if self._special:
            return self
        ideal = self._exp >> 1
        c, e = self._int, self._exp
        if e % 2:
            c *= 10
            e -= 1
        k = max(0, ctx.prec + 2 - (_digits(c) + 1) // 2)
        n = c * 10 ** (2 * k)
        r = _isqrt(n)
        exp = e // 2 - k
        if r * r != n:
            r = r * 10 + 1
            exp -= 1
        else:
            while exp < ideal and r % 10 == 0:
                r //= 10
                exp += 1
        old = ctx.rounding
        ctx.rounding = ROUND_HALF_EVEN
        try:
            return self._new(0, r, exp)._fix(ctx)
        finally:
            ctx.rounding = old

    # comparisons
    def _compare_other(self, other, op):
        if isinstance(other, Decimal):
            return other
        if isinstance(other, (int, bool)):
            return Decimal(other)
        if isinstance(other, float):
            getcontext().flags[FloatOperation] = True
            return Decimal.from_float(other)
        if op != "==" and type(other) in _FOREIGN:
            raise TypeError("'%s' not supported between instances of 'decimal.Decimal' and '%s'"
                            % (op, type(other).__name__))
        return NotImplemented

    def __eq__(self, other):
        other = self._compare_other(other, "==")
        if other is NotImplemented:
            return other
        if self._isnan() or other._isnan():
            return False
        return self._cmp(other) == 0

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def _order(self, other, op):
        other = self._compare_other(other, op)
        if other is NotImplemented:
            return other
        if self._isnan() or other._isnan():
            getcontext()._raise(InvalidOperation)
            return None
        return self._cmp(other)

    def __lt__(self, other):
        c = self._order(other, "<")
        return c if c is NotImplemented else (c is not None and c < 0)

    def __le__(self, other):
        c = self._order(other, "<=")
        return c if c is NotImplemented else (c is not None and c <= 0)

    def __gt__(self, other):
        c = self._order(other, ">")
        return c if c is NotImplemented else (c is not None and c > 0)

    def __ge__(self, other):
        c = self._order(other, ">=")
        return c if c is NotImplemented else (c is not None and c >= 0)

    def compare(self, other, context=None):
        other = _dec(other)
        if self._isnan() or other._isnan():
            return self._new(0, 0, 0, "n")
        return Decimal(self._cmp(other))

    def max(self, other, context=None):
        other = _dec(other)
        c = self._cmp(other)
        return (other if c < 0 else self)._fix(context or getcontext())

    def min(self, other, context=None):
        other = _dec(other)
        c = self._cmp(other)
        return (other if c > 0 else self)._fix(context or getcontext())

    def __hash__(self):
        if self._special:
            if self._special == "N":
                raise TypeError("Cannot hash a signaling NaN value.")
            if self._special == "n":
                return object.__hash__(self)
            return -314159 if self._sign else 314159
        if self._exp >= 0:
            return hash(self._int * 10 ** self._exp * (-1 if self._sign else 1))
        P = 2 ** 61 - 1
        h = self._int * pow(pow(10, P - 2, P), -self._exp, P) % P
        h = -h if self._sign else h
        return -2 if h == -1 else h

    def __bool__(self):
        return bool(self._special) or self._int != 0

    # conversions
    def __int__(self):
        if self._special:
            if self._isnan():
                raise ValueError("cannot convert NaN to integer")
            raise OverflowError("cannot convert Infinity to integer")
        if self._exp >= 0:
            v = self._int * 10 ** self._exp
        else:
            v = self._int // 10 ** -self._exp
        return -v if self._sign else v

    __trunc__ = __int__

    def __float__(self):
        if self._isnan():
            if self._special == "N":
                raise ValueError("cannot convert signaling NaN to float")
            return float("-nan" if self._sign else "nan")
        return float(str(self))

    def __floor__(self):
        return int(self.to_integral_value(ROUND_FLOOR))

    def __ceil__(self):
        return int(self.to_integral_value(ROUND_CEILING))

    def __round__(self, n=None):
        if n is None:
            if self._special:
                if self._isnan():
                    raise ValueError("cannot round a NaN")
                raise OverflowError("cannot round an infinity")
            return int(self.to_integral_value(ROUND_HALF_EVEN))
        return self.quantize(self._new(0, 1, -n))

    def as_tuple(self):
        if self._special:
            exp = "F" if self._special == "F" else self._special
            digits = () if self._special == "F" else (tuple(map(int, str(self._int)))
                                                     if self._int else ())
            return DecimalTuple(self._sign, (0,) if self._special == "F" else digits, exp)
        return DecimalTuple(self._sign, tuple(map(int, str(self._int))), self._exp)

    def as_integer_ratio(self):
        if self._special:
            if self._isnan():
                raise ValueError("cannot convert NaN to integer ratio")
            raise OverflowError("cannot convert Infinity to integer ratio")
        if self._exp >= 0:
            n, d = self._int * 10 ** self._exp, 1
        else:
            n, d = self._int, 10 ** -self._exp
            from math import gcd
            g = gcd(n, d)
            n, d = n // g, d // g
        return (-n if self._sign else n), d

    def adjusted(self):
        if self._special:
            return 0
        return self._exp + _digits(self._int) - 1

    def quantize(self, exp, rounding=None, context=None):
        exp = _dec(exp)
        ctx = context or getcontext()
        n = self._nan_check(exp, ctx)
        if n is not None:
            return n
        if self._special or exp._special:
            if self._special and exp._special:
                return self
            return self._invalid(ctx)
        rounding = rounding or ctx.rounding
        e = exp._exp
        if self._exp >= e:
            c = self._int * 10 ** (self._exp - e)
            inexact = False
        else:
            c, inexact = _round_coeff(self._sign, self._int, e - self._exp, rounding)
        if _digits(c) > ctx.prec and c:
            return self._invalid(ctx)
        if inexact:
            ctx._raise(Inexact)
        if self._exp < e:
            ctx._raise(Rounded)
        return self._new(self._sign, c, e)

    def to_integral_value(self, rounding=None, context=None):
        if self._special or self._exp >= 0:
            return self
        ctx = context or getcontext()
        c, _ = _round_coeff(self._sign, self._int, -self._exp, rounding or ctx.rounding)
        return self._new(self._sign, c, 0)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        ctx = context or getcontext()
        r = self.to_integral_value(rounding, ctx)
        if r != self:
            ctx._raise(Inexact)
        if r._exp != self._exp and not self._special:
            ctx._raise(Rounded)
        return r

    def normalize(self, context=None):
        ctx = context or getcontext()
        d = self._fix(ctx)
        if d._special:
            return d
        if d._int == 0:
            return self._new(d._sign, 0, 0)
        c, e = d._int, d._exp
        while c % 10 == 0:
            c //= 10
            e += 1
        return self._new(d._sign, c, e)

    def copy_abs(self):
        return self._new(0, self._int, self._exp, self._special)

    def copy_negate(self):
        return self._neg()

    def copy_sign(self, other, context=None):
        return self._new(_dec(other)._sign, self._int, self._exp, self._special)

    def is_nan(self):
        return self._isnan()

    def is_qnan(self):
        return self._special == "n"

    def is_snan(self):
        return self._special == "N"

    def is_infinite(self):
        return self._special == "F"

    def is_finite(self):
        return not self._special

    def is_zero(self):
        return not self._special and self._int == 0

    def is_signed(self):
        return self._sign == 1

    def is_normal(self, context=None):
        return not self._special and self._int != 0

    def is_canonical(self):
        return True

    def canonical(self):
        return self

    def exp(self, context=None):
        raise NotImplementedError("concsim does not support Decimal.exp yet")

    def ln(self, context=None):
        raise NotImplementedError("concsim does not support Decimal.ln yet")

    def log10(self, context=None):
        raise NotImplementedError("concsim does not support Decimal.log10 yet")

    def fma(self, other, third, context=None):
        ctx = context or getcontext()
        other = _dec(other)
        exact = self._new(self._sign ^ other._sign, self._int * other._int,
                          self._exp + other._exp)
        return exact._add(_dec(third), ctx)

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    def conjugate(self):
        return self

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (self.__class__, (str(self),))

    # text
    def __str__(self, eng=False, context=None):
        sign = "-" if self._sign else ""
        if self._special == "F":
            return sign + "Infinity"
        if self._special:
            return sign + ("sNaN" if self._special == "N" else "NaN") + (
                str(self._int) if self._int else "")
        digits = str(self._int)
        left = self._exp + len(digits)
        if self._exp <= 0 and left > -6:
            dot = left
        else:
            dot = 1
        if dot <= 0:
            s = "0." + "0" * -dot + digits
        elif dot >= len(digits):
            s = digits + "0" * (dot - len(digits))
        else:
            s = digits[:dot] + "." + digits[dot:]
        if left != dot:
            cap = "E" if (context or getcontext()).capitals else "e"
            s += cap + "%+d" % (left - dot)
        return sign + s

    def to_eng_string(self, context=None):
        raise NotImplementedError("concsim does not support Decimal.to_eng_string yet")

    def __repr__(self):
        return "Decimal('%s')" % self

    def __format__(self, spec):
        return _format(self, spec)


def _isqrt(n):
    if n < 2:
        return n
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def _dec(v):
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int):
        return Decimal(v)
    raise TypeError("conversion from %s to Decimal is not supported" % type(v).__name__)


# The builtin types that take no part in Decimal arithmetic: the TypeError is raised here, with
# the type's name as CPython spells it ('decimal.Decimal'), as CPython would after both sides
# returned NotImplemented.
_FOREIGN = (float, str, bytes, list, tuple, dict, set, frozenset, type(None))


def _conv(other, op, self, reflected):
    if isinstance(other, Decimal):
        return other
    if isinstance(other, int):
        return Decimal(other)
    if type(other) in _FOREIGN:
        a, b = "decimal.Decimal", type(other).__name__
        if reflected:
            a, b = b, a
        raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'" % (op, a, b))
    return NotImplemented


def _format(d, spec):
    fill, align, sign, alt, zero, width, comma, prec, typ = _parse_spec(spec)
    ctx = getcontext()
    if d._special:
        body = str(d.copy_abs()) if d._special == "F" else "NaN"
        if typ == "%":
            body += "%"
    else:
        if typ is None and prec is not None:
            typ = "g"
        if typ in ("f", "F", "%"):
            v = d
            if typ == "%":
                v = d._new(d._sign, d._int, d._exp + 2)
            if prec is not None:
                v = v._new(v._sign, v._int, v._exp)
                e = -prec
                if v._exp < e:
                    c, _ = _round_coeff(v._sign, v._int, e - v._exp, ctx.rounding)
                    v = v._new(v._sign, c, e)
                elif v._exp > e:
                    v = v._new(v._sign, v._int * 10 ** (v._exp - e), e)
            digits = str(v._int)
            if v._exp >= 0:
                body = digits + "0" * v._exp
            else:
                digits = digits.rjust(-v._exp + 1, "0")
                body = digits[:v._exp] + "." + digits[v._exp:]
            if typ == "%":
                body += "%"
            d = v
        elif typ in ("e", "E"):
            if prec is None:
                prec = _digits(d._int) - 1
            c, e = d._int, d._exp
            n = _digits(c)
            if n > prec + 1:
                c, _ = _round_coeff(d._sign, c, n - prec - 1, ctx.rounding)
                e += n - prec - 1
                if _digits(c) > prec + 1:
                    c //= 10
                    e += 1
            else:
                c *= 10 ** (prec + 1 - n)
                e -= prec + 1 - n
            digits = str(c) if c else "0" * (prec + 1)
            adj = e + len(digits) - 1 if c else d._exp + prec
            body = digits[0] + ("." + digits[1:] if len(digits) > 1 or alt else "")
            body += typ + "%+d" % adj
        elif typ in (None, "g", "G"):
            if prec is not None:
                p = max(prec, 1)
                n = _digits(d._int)
                if n > p:
                    c, _ = _round_coeff(d._sign, d._int, n - p, ctx.rounding)
                    e = d._exp + n - p
                    if _digits(c) > p:
                        c //= 10
                        e += 1
                    d = d._new(d._sign, c, e)
            body = str(d.copy_abs())
            body = body.replace("E", "e") if typ != "G" else body.replace("e", "E")
        else:
            raise ValueError("invalid format string")
    neg = d._sign == 1
    s = "-" if neg else ("+" if sign == "+" else (" " if sign == " " else ""))
    if comma:
        head, dot, tail = body.partition(".")
        if head.isdigit():
            groups = []
            while len(head) > 3:
                groups.insert(0, head[-3:])
                head = head[:-3]
            groups.insert(0, head)
            body = comma.join(groups) + dot + tail
    if width is not None and len(s) + len(body) < width:
        pad = width - len(s) - len(body)
        if zero and align is None:
            return s + "0" * pad + body
        a = align or ">"
        if a == "<":
            return s + body + fill * pad
        if a == ">":
            return fill * pad + s + body
        if a == "=":
            return s + fill * pad + body
        return fill * (pad // 2) + s + body + fill * (pad - pad // 2)
    return s + body


def _parse_spec(spec):
    i = 0
    fill, align = " ", None
    if len(spec) >= 2 and spec[1] in "<>=^":
        fill, align = spec[0], spec[1]
        i = 2
    elif spec[:1] in ("<", ">", "=", "^"):
        align = spec[0]
        i = 1
    sign = None
    if spec[i:i + 1] in ("+", "-", " "):
        sign = spec[i]
        i += 1
    alt = False
    if spec[i:i + 1] == "#":
        alt = True
        i += 1
    zero = False
    if spec[i:i + 1] == "0":
        zero = True
        fill = "0" if align is None else fill
        i += 1
    w = ""
    while spec[i:i + 1].isdigit():
        w += spec[i]
        i += 1
    comma = None
    if spec[i:i + 1] in (",", "_"):
        comma = spec[i]
        i += 1
    prec = None
    if spec[i:i + 1] == ".":
        i += 1
        p = ""
        while spec[i:i + 1].isdigit():
            p += spec[i]
            i += 1
        prec = int(p)
    typ = spec[i:i + 1] or None
    if i + (1 if typ else 0) != len(spec) or (typ and typ not in "eEfFgGn%"):
        raise ValueError("invalid format string")
    return fill, align, sign, alt, zero, int(w) if w else None, comma, prec, typ
