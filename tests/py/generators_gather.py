# sum(g), list(g), tuple(g) of a generator (the VM takes the items in place): totals past
# i64, floats, an item sum cannot add natively (a user __add__/__radd__, a str), a generator
# that is already started, finished, delegating, raising StopIteration, or running.
def g():
    yield 1
    yield 2.5
    yield "x"
try:
    print(sum(g()))
except TypeError as e:
    print("TE", e)
class A:
    def __init__(self, v): self.v = v
    def __radd__(self, o): return A(o + self.v)
    def __add__(self, o): return A(self.v + (o.v if isinstance(o, A) else o))
print(sum((A(i) for i in range(3)), 10).v if False else sum(x for x in [1, A(2), 3]).v)
print(sum((i for i in range(10)), 0.5), sum(i for i in range(3)), sum((x for x in []), 7))
print(list(i*2 for i in range(5)), tuple(c for c in "abc"), list(x for x in ()))
print(sum(2**62 for i in range(5)), sum((True for _ in range(3))))
def h():
    x = yield 1
    print("got", x)
    yield 2
print(list(h()))
gg = (i for i in range(5)); next(gg); print(sum(gg), sum(gg), list(gg))
def bad():
    yield 1
    raise StopIteration
try: list(bad())
except RuntimeError as e: print("RE", e)
def sub():
    yield 1; yield 2; return 3
def outer():
    r = yield from sub()
    yield r
print(sum(outer()), tuple(outer()))
def self_ref():
    yield sum(me)
me = self_ref()
try: list(me)
except ValueError as e: print("VE", e)
print(sum((2**63 + i for i in range(3)), 0), sum(x for x in [2**63, -2**63, 5]), sum(x for x in [1.5, 2, 2**62]))
print(sum(i * i for i in range(200_000)))
