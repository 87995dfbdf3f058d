# contextlib (contextmanager with exceptions thrown at the yield, suppress, nullcontext,
# closing, ExitStack, redirect_stdout into a StringIO), io.StringIO/BytesIO, atexit order.
import atexit
import io
import threading
from contextlib import contextmanager, suppress, nullcontext, closing, ExitStack, redirect_stdout

lock = threading.Lock()


@contextmanager
def held(name):
    print("acquire", name)
    with lock:
        try:
            yield name.upper()
        except KeyError as e:
            print("handled", repr(e))
        finally:
            print("release", name, lock.locked())


with held("a") as v:
    print("inside", v, lock.locked())
with held("b"):
    raise KeyError("k")
try:
    with held("c"):
        raise ValueError("v")
except ValueError as e:
    print("propagated", e, lock.locked())


@held("deco")
def work():
    print("working")


work()


@contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)
with suppress(FileNotFoundError, ZeroDivisionError):
    1 / 0
print("suppressed")
with nullcontext(5) as n:
    print("null", n)


class Res:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)

    def close(self):
        print("close", self.name)


with closing(Res("c")) as r:
    print("using", r.name)
with ExitStack() as stack:
    rs = [stack.enter_context(Res(str(i))) for i in range(3)]
    stack.callback(print, "callback ran")
    print("body", len(rs))
try:
    with ExitStack() as stack:
        stack.enter_context(Res("x"))
        raise OSError("boom")
except OSError as e:
    print("caught", e)

buf = io.StringIO()
with redirect_stdout(buf):
    print("captured line")
    print("second", 2)
print(repr(buf.getvalue()))
s = io.StringIO("one\ntwo\nthree")
print(s.readline(), s.read(3), s.tell(), s.readlines(), s.read())
s.seek(0)
print(list(s), s.write("X"), s.getvalue())
s.seek(0, 2)
s.write("!")
print(s.getvalue())
s.close()
try:
    s.getvalue()
except ValueError as e:
    print("ValueError:", e)
b = io.BytesIO(b"abc")
b.seek(5)
b.write(b"z")
print(b.getvalue(), b.tell(), io.BytesIO(b"a\nb").readlines())
atexit.register(print, "registered first, runs last")
atexit.register(lambda: print("registered last, runs first"))
print("main done")
