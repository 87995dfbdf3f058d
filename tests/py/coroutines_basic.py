class Fut:
    def __init__(self): self.v = None
    def __await__(self):
        got = yield self
        return got * 2

async def inner(x):
    r = await Fut()
    return r + x

async def outer():
    a = await inner(1)
    print("a =", a)
    return a

c = outer()
print(type(c).__name__)
f = c.send(None)
print(type(f).__name__)
try:
    c.send(20)
except StopIteration as e:
    print("done", e.value)

class ACM:
    async def __aenter__(self):
        print("enter"); return self
    async def __aexit__(self, *a):
        print("exit", a[0]); return False
async def uses():
    async with ACM() as m:
        print("inside", type(m).__name__)
    try:
        async with ACM():
            raise ValueError("x")
    except ValueError as e:
        print("caught", e)
co = uses()
try:
    co.send(None)
except StopIteration:
    print("finished")
c2 = outer()
try:
    next(c2)
except TypeError as e:
    print(e)
c2.close()
async def bad():
    await 3
try:
    bad().send(None)
except TypeError as e:
    print(e)
