import inspect
import asyncio
import functools


def plain(a, b=2, *args, c, d=4, **kw):
    return a


def annotated(x: int, y: str = "s") -> bool:
    return True


async def coro(n):
    await asyncio.sleep(0)


def gen():
    yield 1


async def agen():
    yield 1


def deco(f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        return f(*a, **k)
    return wrapper


@deco
def wrapped(p, q=1):
    return p + q


class Worker:
    def __init__(self, name, retries=3):
        self.name = name

    def run(self, task, *, timeout=None):
        return task

    @staticmethod
    def helper(z):
        return z

    @classmethod
    def make(cls, k):
        return cls(k)


for f in (plain, annotated, coro, gen, agen, wrapped, Worker, Worker("w").run, Worker.helper,
          Worker.make, lambda x, y=1: x, functools.partial(plain, 1, c=3)):
    print(inspect.signature(f))
for f in (plain, coro, gen, agen, Worker, Worker("w").run, len, wrapped):
    print(inspect.isfunction(f), inspect.ismethod(f), inspect.isclass(f), inspect.isbuiltin(f),
          inspect.isroutine(f), inspect.iscoroutinefunction(f), inspect.isgeneratorfunction(f),
          inspect.isasyncgenfunction(f))
c = coro(1)
print(inspect.iscoroutine(c), inspect.isawaitable(c), inspect.isgenerator(gen()))
c.close()
sig = inspect.signature(plain)
for name, p in sig.parameters.items():
    print(name, p.kind, p.default is inspect.Parameter.empty, p.kind.description)
ba = sig.bind(1, 2, 3, c=5, e=6)
print(ba.arguments, ba.args, ba.kwargs)
ba.apply_defaults()
print(ba.arguments)
print(sig.bind_partial(1).arguments)
try:
    sig.bind(1)
except TypeError as e:
    print("TypeError", e)
try:
    inspect.signature(annotated).bind(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
print(inspect.signature(annotated).return_annotation, inspect.signature(plain).return_annotation)
print(repr(inspect.signature(annotated).parameters["y"]))
print(inspect.getsource(annotated), end="")
print(inspect.getsource(Worker.run), end="")
print(inspect.getsourcelines(wrapped)[1])
print(inspect.cleandoc("""  First.
      indented
    back
"""))
frame = inspect.currentframe(); print(frame.f_lineno)
print(frame.f_code.co_name)


def who():
    f = inspect.currentframe()
    return f.f_code.co_name, f.f_back.f_code.co_name, inspect.stack()[1].function


print(who())
print([m for m, _ in inspect.getmembers(Worker, inspect.isfunction)])
try:
    inspect.signature(3)
except TypeError as e:
    print("TypeError", e)
p = inspect.Parameter("x", inspect.Parameter.KEYWORD_ONLY, default=1)
print(p, inspect.Signature([p]))
try:
    inspect.Parameter("x", inspect.Parameter.VAR_POSITIONAL, default=1)
except ValueError as e:
    print("ValueError", e)
