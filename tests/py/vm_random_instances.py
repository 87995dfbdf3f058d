# random.Random instances: seeded, independent, the same numbers as CPython (issue 16).
import random
from random import Random

r = random.Random(42)
print(type(r).__name__, type(r).__module__, isinstance(r, Random))
print(r.random(), r.randint(1, 100), r.choice('abcdef'), r.randrange(10), r.randrange(5, 50, 5))
items = list(range(12))
r.shuffle(items)
print(items)
print(r.sample(range(100), 4), r.choices('xyz', k=5), r.choices([1, 2, 3], weights=[1, 0, 5], k=4))
print(r.uniform(2, 3), r.getrandbits(20), r.expovariate(2.0), r.normalvariate(0, 1))
print(r.gauss(10, 2), r.gauss(10, 2), r.gauss())

# Independent of each other and of the module's generator.
a, b = Random(7), Random(7)
random.seed(7)
xs = [a.random() for _ in range(3)]
random.random()
ys = [b.random() for _ in range(3)]
print(xs == ys, xs)
random.seed(7)
print([random.random() for _ in range(3)] == xs)

# Reseeding, getstate/setstate.
c = Random()
c.seed(123)
s = c.getstate()
first = [c.randint(0, 1000) for _ in range(5)]
c.setstate(s)
print(first, [c.randint(0, 1000) for _ in range(5)] == first)
print(s[0], len(s[1]), s[1][-1], s[2])
c.seed(123)
print([c.randint(0, 1000) for _ in range(5)] == first)
d = Random(5)
d.gauss()
st = d.getstate()
print(st[2] is not None, d.gauss() == (d.setstate(st) or d.gauss()))
random.seed(99)
g = random.getstate()
print(random.gauss(), random.gauss())
random.setstate(g)
print(random.gauss())
random.seed(99)
print(random.gauss())
print(Random(2**40 + 3).random(), Random(-5).random() == Random(5).random(), Random(0).random())


class Dice(Random):
    def roll(self):
        return self.randint(1, 6)


dice = Dice(2024)
print([dice.roll() for _ in range(10)])
rngs = [Random(i) for i in range(3)]
print([round(x.random(), 6) for x in rngs])
for bad in (lambda: r.choice([]), lambda: r.randint(5, 1), lambda: r.sample([1, 2], 3),
            lambda: r.randrange(0), lambda: random.randrange(3, 3), lambda: r.randrange(1, 10, -1),
            lambda: random.randrange(1, 10, 0)):
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
