# statistics: mean, fmean, median (low/high), mode, multimode, variance, pvariance, stdev,
# pstdev, in CPython 3.11's design: sums are exact (each value as an integer ratio, summed per
# denominator), then converted once to the data's type, so results are CPython's to the last
# bit for ints, bools and floats (stdev/pstdev are the correctly rounded square roots).
# Invariant: no float rounding happens before the final conversion.
# Fraction data gives Fractions (exact), mixed with floats floats, as CPython's.
# Not supported: Decimal data (concsim has no decimal), quantiles, NormalDist,
# harmonic_mean, geometric_mean, correlation, covariance, linear_regression.

import math

__all__ = ["StatisticsError", "fmean", "mean", "median", "median_high", "median_low",
           "mode", "multimode", "pstdev", "pvariance", "stdev", "variance"]


class StatisticsError(ValueError):
    pass


def _ratio(x):
    try:
        return x.as_integer_ratio()
    except (OverflowError, ValueError):
        return (x, None)
    except AttributeError:
        raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)


def _coerce(T, S):
    if T is S or S is int or S is bool:
        return T
    if T is int or issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    from fractions import Fraction
    if issubclass(T, Fraction) and issubclass(S, float):
        return S
    if issubclass(T, float) and issubclass(S, Fraction):
        return T
    raise TypeError("don't know how to coerce %s and %s" % (T.__name__, S.__name__))


def _frac_sum(parts):
    # parts: {denominator: numerator sum} -> reduced (num, den)
    num, den = 0, 1
    for d, n in parts.items():
        num, den = num * d + n * den, den * d
        g = math.gcd(num, den)
        num, den = num // g, den // g
    return num, den


def _reduce(num, den):
    if den < 0:
        num, den = -num, -den
    g = math.gcd(num, den)
    return num // g, den // g


def _sum(data):
    count = 0
    T = int
    parts = {}
    for x in data:
        n, d = _ratio(x)
        T = _coerce(T, type(x))
        count += 1
        parts[d] = parts.get(d, 0) + n
    if None in parts:
        return T, parts[None], count
    return T, _frac_sum(parts), count


def _convert(value, T):
    # value: (num, den) or a non-finite float
    if not isinstance(value, tuple):
        return value
    num, den = value
    if T is int or T is bool:
        if den != 1:
            return num / den
        return num
    if issubclass(T, float):
        return T(num / den)
    # A Fraction: the exact value.
    return T(num, den)


def _div(value, k):
    if not isinstance(value, tuple):
        return value / k
    return _reduce(value[0], value[1] * k)


def _ss(data, c=None):
    if c is not None:
        data = list(data)
        T = int
        for x in data:
            T = _coerce(T, type(x))
        cn, cd = _ratio(c)
        parts = {}
        for x in data:
            n, d = _ratio(x)
            if d is None or cd is None:
                parts[None] = parts.get(None, 0) + (x - c) * (x - c)
                continue
            dn, dd = n * cd - cn * d, d * cd
            parts[dd * dd] = parts.get(dd * dd, 0) + dn * dn
        if None in parts:
            return T, parts[None], len(data)
        return T, _frac_sum(parts), len(data)
    count = 0
    T = int
    sx = {}
    sxx = {}
    for x in data:
        n, d = _ratio(x)
        T = _coerce(T, type(x))
        count += 1
        sx[d] = sx.get(d, 0) + n
        if d is not None:
            sxx[d * d] = sxx.get(d * d, 0) + n * n
    if not count:
        return T, (0, 1), 0
    if None in sx:
        return T, sx[None], count
    an, ad = _frac_sum(sx)
    bn, bd = _frac_sum(sxx)
    # (count * sxx - sx * sx) / count
    num = count * bn * ad * ad - an * an * bd
    return T, _reduce(num, bd * ad * ad * count), count


def _sqrt_frac(value):
    # The square root of num/den, correctly rounded to a float: an integer square root
    # with 2 * 53 + 3 significant bits, rounded to odd, then one rounding division.
    if not isinstance(value, tuple):
        return math.sqrt(value)
    n, m = value
    q = (n.bit_length() - m.bit_length() - 109) // 2
    if q >= 0:
        a = math.isqrt(n // (m << 2 * q))
        exact = a * a * (m << 2 * q) == n
        return ((a | (not exact)) << q) / 1
    nn = n << (-2 * q)
    a = math.isqrt(nn // m)
    a = a | (a * a * m != nn)
    return a / (1 << -q)


def mean(data):
    T, total, n = _sum(data)
    if n < 1:
        raise StatisticsError("mean requires at least one data point")
    return _convert(_div(total, n), T)


def fmean(data, weights=None):
    data = list(data)
    n = len(data)
    if weights is None:
        if not n:
            raise StatisticsError("fmean requires at least one data point")
        return math.fsum(data) / n
    weights = list(weights)
    num = math.fsum([x * w for x, w in zip(data, weights)])
    if n != len(weights):
        raise StatisticsError("data and weights must be the same length")
    den = math.fsum(weights)
    if not den:
        raise StatisticsError("sum of weights must be non-zero")
    return num / den


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2]


def _counts(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    return counts


def mode(data):
    counts = _counts(data)
    if not counts:
        raise StatisticsError("no mode for empty data")
    best = max(counts.values())
    for value, c in counts.items():
        if c == best:
            return value


def multimode(data):
    counts = _counts(data)
    if not counts:
        return []
    best = max(counts.values())
    return [value for value, c in counts.items() if c == best]


def variance(data, xbar=None):
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError("variance requires at least two data points")
    return _convert(_div(ss, n - 1), T)


def pvariance(data, mu=None):
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError("pvariance requires at least one data point")
    return _convert(_div(ss, n), T)


def stdev(data, xbar=None):
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError("stdev requires at least two data points")
    return _sqrt_frac(_div(ss, n - 1))


def pstdev(data, mu=None):
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError("pstdev requires at least one data point")
    return _sqrt_frac(_div(ss, n))
