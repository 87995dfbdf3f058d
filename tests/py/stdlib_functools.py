# functools and operator: partial, reduce, wraps, lru_cache/cache with cache_info,
# total_ordering, cmp_to_key, singledispatch; operator functions, itemgetter, attrgetter,
# methodcaller; an lru_cache shared by threads keeps consistent counts.
import functools
import operator
import threading
from functools import partial, reduce, wraps, lru_cache, total_ordering, cmp_to_key


def power(base, exp=2):
    return base ** exp


square = partial(power, exp=2)
cube = partial(power, exp=3)
two_to = partial(power, 2)
print(square(5), cube(2), two_to(10), square.args, square.keywords, square.func is power)
print(partial(partial(power, 3), exp=4)())
print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
try:
    reduce(operator.add, [])
except TypeError as e:
    print("TypeError:", e)


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__)
        return func(*args, **kwargs)
    return wrapper


@logged
def greet(name):
    """Say hello."""
    return "hello " + name


print(greet("bob"), greet.__name__, greet.__wrapped__.__name__)


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())


@lru_cache(maxsize=2)
def ident(x):
    return x


for x in [1, 2, 1, 3, 2, 1]:
    ident(x)
print(ident.cache_info())


@functools.cache
def sq(x):
    return x * x


print(sq(4), sq(4), sq.cache_info())


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return "V%d.%d" % (self.major, self.minor)


a, b = Version(1, 2), Version(1, 10)
print(a < b, a > b, a <= b, a >= b, a <= Version(1, 2), sorted([b, a]), max(a, b))


def compare(x, y):
    return (x % 3) - (y % 3) or x - y


print(sorted(range(10), key=cmp_to_key(compare)))


@functools.singledispatch
def describe(x):
    return "thing"


@describe.register(int)
def _(x):
    return "int %d" % x


@describe.register(list)
def _(x):
    return "list of %d" % len(x)


print(describe("s"), describe(5), describe([1, 2]), describe(True))

print(operator.add(2, 3), operator.mul("ab", 2), operator.neg(4), operator.truediv(7, 2),
      operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 8), operator.eq(1, 1.0),
      operator.lt(1, 2), operator.not_(0), operator.contains([1, 2], 2), operator.getitem("abc", 1),
      operator.concat([1], [2]), operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3),
      operator.is_(None, None), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))
rows = [("b", 2, 9.5), ("a", 3, 1.0), ("c", 1, 4.0)]
print(sorted(rows, key=operator.itemgetter(1)), list(map(operator.itemgetter(0, 2), rows)))
print(operator.itemgetter(1), operator.itemgetter(1, 2), operator.attrgetter("x"),
      operator.methodcaller("split", ",", maxsplit=1))


class P:
    def __init__(self, name, boss=None):
        self.name, self.boss = name, boss


people = [P("z", P("boss1")), P("a", P("boss2"))]
print([p.name for p in sorted(people, key=operator.attrgetter("name"))],
      operator.attrgetter("boss.name")(people[0]), operator.attrgetter("name", "boss.name")(people[1]))
print(operator.methodcaller("upper")("abc"), operator.methodcaller("split", ",", maxsplit=1)("a,b,c"))
d = {}
operator.setitem(d, "k", 1)
print(d, operator.iadd([1], [2]))

calls = []


@lru_cache(maxsize=None)
def slow_square(n):
    calls.append(n)
    return n * n


def use():
    for i in range(20):
        slow_square(i % 5)


threads = [threading.Thread(target=use) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
info = slow_square.cache_info()
print(info.hits + info.misses, info.currsize, info.misses == len(calls))
