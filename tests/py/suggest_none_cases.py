# Where CPython 3.11 prints no hint: nothing close enough, a subclass of AttributeError or an
# UnboundLocalError (only the exact types get hints), an exception without `name`, and
# ImportError (3.12 added hints there). The keyword attributes: AttributeError(name=, obj=),
# NameError(name=).
import math
import sys

e = AttributeError("plain")
print(e.name, e.obj)
e = AttributeError("with", name="sqr", obj=math)
print(e.name, e.obj is math, str(e))
print(NameError("n", name="x").name, NameError().name)
for bad in (lambda: AttributeError(foo=1), lambda: NameError(obj=1), lambda: KeyError(name=1)):
    try:
        bad()
    except TypeError as err:
        print(err)


class MyError(AttributeError):
    pass


def f():
    print(valeu)
    valeu = 1


try:
    f()
except UnboundLocalError as err:
    print(type(err).__name__, err)

try:
    from threading import Thred
except ImportError as err:
    print("ImportError", err.name)

try:
    math.SQRT
except AttributeError as err:
    print(err)

err = MyError("custom")
err.name = "sqr"
err.obj = math
print("custom:", err)
sys.stdout.flush()
raise err
