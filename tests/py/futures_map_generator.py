# Executor.map returns a generator (CPython's Executor.map.<locals>.result_iterator): closing
# it cancels the futures it has not reached; a timeout or an error in a result cancels them too.
import concurrent.futures as cf
import inspect
import re
import threading
import time


def norm(s):
    return re.sub(r"0x[0-9a-f]+", "0x...", s)


gate = threading.Event()
started = []


def slow(x):
    started.append(x)
    if x == 1:
        gate.wait()
    return x * 10


with cf.ThreadPoolExecutor(max_workers=1) as ex:
    it = ex.map(slow, range(4))
    print(norm(repr(it)))
    print(inspect.isgenerator(it), type(it).__name__, it.__name__, it.__qualname__)
    print(next(it))
    # 2 and 3 wait behind 1 (blocked on the gate): closing cancels them.
    it.close()
    gate.set()
print("after close, 2 or 3 ran:", [x for x in started if x >= 2])

with cf.ThreadPoolExecutor(max_workers=2) as ex:
    print(list(ex.map(pow, [2, 3, 4], [5, 2, 1])))
    total = 0
    for v in ex.map(lambda s: time.sleep(s) or s, [0.02, 0.01, 0.0]):
        total += v
    print("for loop total", round(total, 2))

hold = threading.Event()


def maybe_slow(x):
    if x == 1:
        hold.wait()
    return x


with cf.ThreadPoolExecutor(max_workers=1) as ex:
    it = ex.map(maybe_slow, range(4), timeout=0.05)
    print(next(it))
    try:
        next(it)
    except cf.TimeoutError:
        print("timed out")
    hold.set()
    try:
        next(it)
    except StopIteration:
        print("exhausted after the timeout")


def fail_on_two(x):
    if x == 2:
        raise ValueError("two")
    return x


with cf.ThreadPoolExecutor(max_workers=2) as ex:
    got = []
    try:
        for v in ex.map(fail_on_two, range(5)):
            got.append(v)
    except ValueError as e:
        print("error", e, "after", got)

if __name__ == "__main__":
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        it = ex.map(abs, [-1, -2, -3], chunksize=2)
        print(norm(repr(it)), inspect.isgenerator(it))
        print(list(it))
