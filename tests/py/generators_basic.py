def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count(3)))
for x in count(2):
    print("x", x)
g = count(2)
print(next(g), next(g), next(g, "dflt"))
try:
    next(g)
except StopIteration as e:
    print("stop", e.args)
def echo():
    got = yield "ready"
    while True:
        got = yield "got %r" % (got,)
e = echo()
print(e.send(None)); print(e.send(1)); print(e.send("a"))
e.close()
print(sum(x * x for x in range(10)))
gen = (c.upper() for c in "abc")
print(next(gen), list(gen))
def inner():
    x = yield 1
    yield x
    return 42
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield from [7, 8]
o = outer()
print(next(o), o.send("s"), next(o), next(o))
print(list(outer()))
def thrower():
    try:
        yield 1
    except ValueError as ex:
        print("caught", ex)
        yield 2
    finally:
        print("finally")
t = thrower()
print(next(t)); print(t.throw(ValueError("boom")))
t.close()
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as ex:
    print("RuntimeError", ex, type(ex.__cause__).__name__)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
print(type(f).__name__, f.__name__)
print(max(x % 7 for x in range(20)), "".join(str(i) for i in range(5)), dict((i, i*i) for i in range(3)))
print(any(x > 3 for x in fib()))
def gen_ignore():
    try:
        yield 1
    except GeneratorExit:
        yield 2
gi = gen_ignore(); next(gi)
try:
    gi.close()
except RuntimeError as ex:
    print("RE", ex)
def g3():
    yield 1
x = g3()
print(x.send(None))
try:
    g3().send(5)
except TypeError as ex:
    print(ex)
