from multiprocessing import synchronize
import multiprocessing
from multiprocessing.sharedctypes import Value, RawValue
def f(e: synchronize.Event) -> None:
    print("is set", e.is_set())
e = multiprocessing.Event()
f(e)
v = Value('i', 3); r = RawValue('d', 1.5)
print(v.value, r.value)
