# concsim's secrets: token_bytes, token_hex, token_urlsafe, randbelow, randbits, choice,
# compare_digest, DEFAULT_ENTROPY and SystemRandom, in CPython 3.11's design: every random
# value comes from os.urandom (in the simulator a function of the run's seed, on `real` the
# host's), drawn the way CPython's SystemRandom draws it (getrandbits, then rejection
# sampling below a bound), with CPython's errors.
# Invariant: nothing here keeps state; compare_digest accepts what CPython's accepts (ASCII
# str with str, bytes with bytes) and reports the rest with CPython's messages.
# Not supported: SystemRandom's distributions (gauss, betavariate...) and sample/choices.

import os
import base64

__all__ = ["choice", "randbelow", "randbits", "SystemRandom",
           "token_bytes", "token_hex", "token_urlsafe", "compare_digest"]

DEFAULT_ENTROPY = 32


class SystemRandom:
    # CPython's random.SystemRandom (concsim's random module has none): os.urandom's bytes.
    def random(self):
        return (int.from_bytes(os.urandom(7), "big") >> 3) * 2.0 ** -53

    def getrandbits(self, k):
        if k < 0:
            raise ValueError("number of bits must be non-negative")
        n = (k + 7) // 8
        return int.from_bytes(os.urandom(n), "big") >> (n * 8 - k)

    def randbytes(self, n):
        return os.urandom(n)

    def _randbelow(self, n):
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def choice(self, seq):
        if not len(seq):
            raise IndexError("Cannot choose from an empty sequence")
        return seq[self._randbelow(len(seq))]

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            if start > 0:
                return self._randbelow(start)
            raise ValueError("empty range for randrange()")
        n = len(range(start, stop, step))
        if n <= 0:
            if step == 1:
                raise ValueError("empty range for randrange() (%d, %d, %d)" % (start, stop, stop - start))
            raise ValueError("empty range for randrange()")
        return start + step * self._randbelow(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def shuffle(self, x):
        for i in reversed(range(1, len(x))):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def seed(self, *args, **kwds):
        return None


_sysrand = SystemRandom()

randbits = _sysrand.getrandbits
choice = _sysrand.choice


def randbelow(exclusive_upper_bound):
    if exclusive_upper_bound <= 0:
        raise ValueError("Upper bound must be positive.")  # cpython-line 29
    return _sysrand._randbelow(exclusive_upper_bound)


def token_bytes(nbytes=None):
    if nbytes is None:
        nbytes = DEFAULT_ENTROPY
    return _sysrand.randbytes(nbytes)


def token_hex(nbytes=None):
    return token_bytes(nbytes).hex()


def token_urlsafe(nbytes=None):
    return base64.urlsafe_b64encode(token_bytes(nbytes)).rstrip(b"=").decode("ascii")


def compare_digest(a, b):
    # CPython's hmac.compare_digest (_operator._compare_digest); the time it takes depends
    # on the lengths only.
    if isinstance(a, str) and isinstance(b, str):
        if not (a.isascii() and b.isascii()):
            raise TypeError("comparing strings with non-ASCII characters is not supported")
        a = a.encode("ascii")
        b = b.encode("ascii")
    else:
        for x in (a, b):
            if not isinstance(x, bytes):
                if not isinstance(a, bytes) and not isinstance(b, bytes):
                    raise TypeError("unsupported operand types(s) or combination of types: '%s' and '%s'"
                                    % (type(a).__name__, type(b).__name__))
                raise TypeError("a bytes-like object is required, not '%s'" % type(x).__name__)
    result = 0 if len(a) == len(b) else 1
    if result:
        a = b
    for x, y in zip(a, b):
        result |= x ^ y
    return result == 0
