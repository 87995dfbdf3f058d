# concsim's random.Random (`random.Random` is found here on first use): a class written in
# Python, so programs may subclass it, over a native generator (`random._generator()`) whose
# methods are the random module's functions drawing from the object's own MT19937 state.
# Invariant: an instance seeded with an int draws exactly the numbers CPython 3.11's
# Random draws for that seed, method for method.
# Not supported: overriding random() or getrandbits() in a subclass does not change what the
# other methods draw (CPython's do use them); str/bytes seeds differ from CPython's (as the
# module's seed does); betavariate, triangular and the other distributions are absent.

import random as _random


class Random:
    __module__ = 'random'
    VERSION = 3

    def __init__(self, x=None):
        self._rng = _random._generator()
        self._rng.seed(x)

    def seed(self, a=None, version=2):
        self._rng.seed(a)

    def random(self):
        return self._rng.random()

    def getrandbits(self, k):
        return self._rng.getrandbits(k)

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            return self._rng.randrange(start)
        return self._rng.randrange(start, stop, step)

    def randint(self, a, b):
        return self._rng.randint(a, b)

    def uniform(self, a, b):
        return self._rng.uniform(a, b)

    def choice(self, seq):
        return self._rng.choice(seq)

    def shuffle(self, x):
        return self._rng.shuffle(x)

    def sample(self, population, k, *, counts=None):
        if counts is not None:
            raise NotImplementedError("concsim does not support sample(counts=) yet")
        return self._rng.sample(population, k)

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        return self._rng.choices(population, weights, cum_weights=cum_weights, k=k)

    def expovariate(self, lambd):
        return self._rng.expovariate(lambd)

    def normalvariate(self, mu=0.0, sigma=1.0):
        return self._rng.normalvariate(mu, sigma)

    def gauss(self, mu=0.0, sigma=1.0):
        return self._rng.gauss(mu, sigma)

    def getstate(self):
        return self._rng.getstate()

    def setstate(self, state):
        self._rng.setstate(state)

