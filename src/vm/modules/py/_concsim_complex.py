# concsim's complex numbers: the builtin `complex` (found here on first use; a literal `2j`
# compiles to `complex(0.0, 2.0)`), in CPython 3.11's design: two floats, arithmetic mixed
# with int and float, Smith's division, pow by repeated squaring for small integral exponents
# and by polar form otherwise, CPython's repr ("(1+2j)", "1j", "(-0-1j)") and hash.
# Invariant: instances are immutable; every result is a new complex.
# Not supported: cmath, format specs other than [sign][.precision]e/f/g, subclasses of complex
# passed where CPython would use their __complex__ (only the argument itself is converted).

import math as _math

_HASH_IMAG = 1000003


def _part(x):
    s = repr(x)
    return s[:-2] if s.endswith('.0') else s


def _to_complex(v):
    if isinstance(v, complex):
        return v
    if isinstance(v, (int, float)):
        return complex(v)
    return None


def _parse(s):
    t = s.strip()
    if t.startswith('(') and t.endswith(')'):
        t = t[1:-1].strip()
    bad = ValueError("complex() arg is a malformed string")
    if not t or ' ' in t:
        raise bad
    if t[-1] in 'jJ':
        body = t[:-1]
        split = -1
        for i in range(len(body) - 1, 0, -1):
            if body[i] in '+-' and body[i - 1] not in 'eE':
                split = i
                break
        if split < 0:
            real, imag = '0', body
        else:
            real, imag = body[:split], body[split:]
        if imag in ('', '+', '-'):
            imag += '1'
        try:
            return float(real), float(imag)
        except ValueError:
            raise bad from None
    try:
        return float(t), 0.0
    except ValueError:
        raise bad from None


class complex:
    __module__ = 'builtins'
    __slots__ = ('_re', '_im')

    def __new__(cls, real=0, imag=None):
        self = object.__new__(cls)
        if isinstance(real, str):
            if imag is not None:
                raise TypeError("complex() can't take second arg if first is a string")
            self._re, self._im = _parse(real)
            return self
        if isinstance(imag, str):
            raise TypeError("complex() second arg can't be a string")
        if isinstance(real, complex):
            re, im = real._re, real._im
        elif isinstance(real, (int, float)):
            re, im = float(real), 0.0
        elif hasattr(type(real), '__complex__'):
            c = real.__complex__()
            re, im = c._re, c._im
        elif hasattr(type(real), '__float__') or hasattr(type(real), '__index__'):
            re, im = float(real), 0.0
        else:
            raise TypeError("complex() first argument must be a string or a number, not %r"
                            % type(real).__name__)
        if imag is not None:
            # As CPython: real's imaginary part is added only when real is complex (so the
            # sign of a zero imag survives: complex(1, -0.0) is (1-0j)).
            given = real if isinstance(real, complex) else None
            if isinstance(imag, complex):
                re, ii = re - imag._im, imag._re
            elif isinstance(imag, (int, float)) or hasattr(type(imag), '__float__'):
                ii = float(imag)
            else:
                raise TypeError("complex() second argument must be a number, not %r"
                                % type(imag).__name__)
            im = ii + given._im if given is not None else ii
        self._re, self._im = re, im
        return self

    @property
    def real(self):
        return self._re

    @property
    def imag(self):
        return self._im

    def conjugate(self):
        return complex(self._re, -self._im)

    def __repr__(self):
        re, im = self._re, self._im
        if re == 0 and _math.copysign(1.0, re) == 1.0:
            return _part(im) + 'j'
        i = _part(im)
        if not i.startswith('-'):
            i = '+' + i
        return '(' + _part(re) + i + 'j)'

    __str__ = __repr__

    def __format__(self, spec):
        if not spec:
            return str(self)
        body = spec.lstrip('+- ')
        if len(spec) - len(body) > 1 or not body or body[-1] not in 'eEfFgG' or (
                body[:-1] and not (body[0] == '.' and body[1:-1].isdigit())):
            raise NotImplementedError("concsim does not support the format spec %r for complex yet" % spec)
        return format(self._re, spec) + format(self._im, '+' + body) + 'j'

    def __hash__(self):
        h = hash(self._re) + _HASH_IMAG * hash(self._im)
        h = (h + 2 ** 63) % 2 ** 64 - 2 ** 63
        return -2 if h == -1 else h

    def __eq__(self, other):
        if isinstance(other, complex):
            return self._re == other._re and self._im == other._im
        if isinstance(other, (int, float)):
            return self._im == 0 and self._re == other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __bool__(self):
        return self._re != 0 or self._im != 0

    def __neg__(self):
        return complex(-self._re, -self._im)

    def __pos__(self):
        return complex(self._re, self._im)

    def __abs__(self):
        return _math.hypot(self._re, self._im)

    def __add__(self, other):
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return complex(self._re + o._re, self._im + o._im)

    __radd__ = __add__

    def __sub__(self, other):
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return complex(self._re - o._re, self._im - o._im)

    def __rsub__(self, other):
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return o.__sub__(self)

    def __mul__(self, other):
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return complex(self._re * o._re - self._im * o._im, self._re * o._im + self._im * o._re)

    __rmul__ = __mul__

    def __truediv__(self, other):
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return _quot(self, o)

    def __rtruediv__(self, other):
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return _quot(o, self)

    def __pow__(self, other, mod=None):
        if mod is not None:
            raise ValueError("complex modulo")
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return _pow(self, o)

    def __rpow__(self, other):
        o = _to_complex(other)
        if o is None:
            return NotImplemented
        return _pow(o, self)

    def __getnewargs__(self):
        return (self._re, self._im)

    def __reduce__(self):
        return (complex, (self._re, self._im))



def _quot(a, b):
    abs_br, abs_bi = abs(b._re), abs(b._im)
    if abs_br >= abs_bi:
        if abs_br == 0.0:
            raise ZeroDivisionError("complex division by zero")
        ratio = b._im / b._re
        denom = b._re + b._im * ratio
        return complex((a._re + a._im * ratio) / denom, (a._im - a._re * ratio) / denom)
    if abs_bi >= abs_br:
        ratio = b._re / b._im
        denom = b._re * ratio + b._im
        return complex((a._re * ratio + a._im) / denom, (a._im * ratio - a._re) / denom)
    return complex(_math.nan, _math.nan)


def _powu(x, n):
    r = complex(1.0, 0.0)
    p = x
    mask = 1
    while 0 < mask <= n:
        if n & mask:
            r = r * p
        mask <<= 1
        p = p * p
    return r


def _pow(a, b):
    if b._im == 0.0 and b._re == _math.floor(b._re) and abs(b._re) <= 100.0:
        n = int(b._re)
        if n >= 0:
            return _powu(a, n)
        try:
            return _quot(complex(1.0, 0.0), _powu(a, -n))
        except ZeroDivisionError:
            raise ZeroDivisionError("0.0 to a negative or complex power") from None
    if b._re == 0.0 and b._im == 0.0:
        return complex(1.0, 0.0)
    if a._re == 0.0 and a._im == 0.0:
        if b._im != 0.0 or b._re < 0.0:
            raise ZeroDivisionError("0.0 to a negative or complex power")
        return complex(0.0, 0.0)
    vabs = _math.hypot(a._re, a._im)
    length = vabs ** b._re
    at = _math.atan2(a._im, a._re)
    phase = at * b._re
    if b._im != 0.0:
        length /= _math.exp(at * b._im)
        phase += b._im * _math.log(vabs)
    return complex(length * _math.cos(phase), length * _math.sin(phase))
