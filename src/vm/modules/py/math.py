# concsim's math: CPython 3.11's math module. The float functions are natives (_math,
# Rust's libm-equivalent f64 operations); the integer ones (floor, ceil, factorial, gcd,
# comb…) are written here on Python ints, so they are exact for big integers too.
# Invariant: results and error messages are CPython's (ValueError: math domain error…).

from _math import *

_inf = float('inf')


def _number(x, name):
    if isinstance(x, (int, float)):
        return x
    raise TypeError("must be real number, not %s" % type(x).__name__)


def floor(x):
    if isinstance(x, int):
        return int(x)
    if hasattr(x, '__floor__') and not isinstance(x, float):
        return x.__floor__()
    x = _number(x, 'floor')
    if x != x:
        raise ValueError("cannot convert float NaN to integer")
    if x in (_inf, -_inf):
        raise OverflowError("cannot convert float infinity to integer")
    return int(x // 1)


def ceil(x):
    if isinstance(x, int):
        return int(x)
    if hasattr(x, '__ceil__') and not isinstance(x, float):
        return x.__ceil__()
    x = _number(x, 'ceil')
    if x != x:
        raise ValueError("cannot convert float NaN to integer")
    if x in (_inf, -_inf):
        raise OverflowError("cannot convert float infinity to integer")
    return -int((-x) // 1)


def trunc(x):
    if hasattr(x, '__trunc__') and not isinstance(x, (int, float)):
        return x.__trunc__()
    return int(_number(x, 'trunc'))


def modf(x):
    x = float(_number(x, 'modf'))
    i = float(int(x)) if x == x and x not in (_inf, -_inf) else x
    return (copysign(x - i, x) if x not in (_inf, -_inf) else copysign(0.0, x), i)


def frexp(x):
    x = float(_number(x, 'frexp'))
    if x == 0 or x != x or x in (_inf, -_inf):
        return (x, 0)
    e = 0
    m = abs(x)
    while m >= 1.0:
        m /= 2.0
        e += 1
    while m < 0.5:
        m *= 2.0
        e -= 1
    return (copysign(m, x), e)


def ldexp(x, i):
    return float(x) * (2.0 ** i)


def _index(x, name):
    if isinstance(x, bool) or isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)


def factorial(n):
    if isinstance(n, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    n = _index(n, 'factorial')
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def gcd(*integers):
    g = 0
    for x in integers:
        x = abs(_index(x, 'gcd'))
        while x:
            g, x = x, g % x
    return g


def lcm(*integers):
    r = 1
    for x in integers:
        x = _index(x, 'lcm')
        if x == 0:
            return 0
        r = abs(r * x) // gcd(r, x)
    return r


def isqrt(n):
    n = _index(n, 'isqrt')
    if n < 0:
        raise ValueError("isqrt() argument must be nonnegative")
    if n == 0:
        return 0
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def comb(n, k):
    n = _index(n, 'comb')
    k = _index(k, 'comb')
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    k = min(k, n - k)
    r = 1
    for i in range(1, k + 1):
        r = r * (n - k + i) // i
    return r


def perm(n, k=None):
    n = _index(n, 'perm')
    if k is None:
        return factorial(n)
    k = _index(k, 'perm')
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    r = 1
    for i in range(n - k + 1, n + 1):
        r *= i
    return r


def prod(iterable, *, start=1):
    r = start
    for x in iterable:
        r = r * x
    return r


def fsum(iterable):
    # Shewchuk's exact summation of partials, rounded once at the end, as CPython does.
    partials = []
    for x in iterable:
        x = float(x)
        i = 0
        for y in partials:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                partials[i] = lo
                i += 1
            x = hi
        partials[i:] = [x]
    if not partials:
        return 0.0
    total = partials.pop()
    while partials:
        y = partials.pop()
        x = total
        total = x + y
        lo = y - (total - x)
        if lo:
            if partials and ((lo < 0 and partials[-1] < 0) or (lo > 0 and partials[-1] > 0)):
                y = lo * 2
                x = total + y
                if y == x - total:
                    total = x
            break
    return total


def isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0):
    if rel_tol < 0.0 or abs_tol < 0.0:
        raise ValueError("tolerances must be non-negative")
    if a == b:
        return True
    if a in (_inf, -_inf) or b in (_inf, -_inf):
        return False
    diff = abs(b - a)
    return (diff <= abs(rel_tol * b)) or (diff <= abs(rel_tol * a)) or (diff <= abs_tol)


def dist(p, q):
    if len(p) != len(q):
        raise ValueError("both points must have the same number of dimensions")
    return hypot(*[a - b for a, b in zip(p, q)])


def expm1(x):
    return exp(x) - 1.0 if abs(x) > 1e-5 else x + x * x / 2.0 + x * x * x / 6.0


def log1p(x):
    if x <= -1.0:
        raise ValueError("math domain error")
    return log(1.0 + x) if abs(x) > 1e-4 else x - x * x / 2.0 + x * x * x / 3.0
