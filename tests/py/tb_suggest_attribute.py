# CPython 3.11 prints a "Did you mean" hint after an uncaught AttributeError's message: the
# closest name in dir(obj). str(e) never includes it.
import math

try:
    math.sqr
except AttributeError as e:
    print(str(e))
    print(e.name, e.obj is math)
print(math.sqrt(16))
print(math.sqr(16))
