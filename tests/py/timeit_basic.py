import timeit
import time
calls = []
def work():
    calls.append(1)
def setup():
    calls.clear()
t = timeit.timeit(work, number=100)
print(type(t).__name__, t >= 0, len(calls))
r = timeit.repeat(work, setup=setup, repeat=3, number=10)
print(len(r), all(x >= 0 for x in r), len(calls))
print(timeit.default_timer is time.perf_counter)
ticks = iter(range(0, 1000, 5))
fake = lambda: next(ticks)
tm = timeit.Timer(work, timer=fake)
print(tm.timeit(7), tm.repeat(2, 3))
print(timeit.Timer(timer=fake).timeit(10))
ticks2 = iter([0, 0.05, 0, 0.1, 0, 0.3])
print(timeit.Timer(work, timer=lambda: next(ticks2)).autorange(lambda n, t: print("try", n, t)))
try:
    timeit.Timer(42)
except ValueError as e:
    print("ValueError:", e)
try:
    timeit.Timer(work, setup=3.5)
except ValueError as e:
    print("ValueError:", e)
