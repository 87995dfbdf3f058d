# ThreadPoolExecutor: worker names and lazy start, submit/result, map with timeout, initializer,
# shutdown(cancel_futures), the context manager and submitting after shutdown.
import concurrent.futures as cf
import threading
import time
import os


def work(n):
    time.sleep(0.01 * (5 - n))
    return n * n


def whoami(_):
    time.sleep(0.01)
    return threading.current_thread().name


def init(tag):
    threading.current_thread().tag = tag


def tagged(x):
    return threading.current_thread().tag, x


with cf.ThreadPoolExecutor(max_workers=3) as ex:
    fs = [ex.submit(work, i) for i in range(5)]
    print([f.result() for f in fs])
    print(list(ex.map(work, range(5))))
    print(sorted(set(ex.map(whoami, range(6)))))
    print(len(ex._threads))

ex = cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool")
print(sorted(set(ex.map(whoami, range(4)))))
ex.shutdown()
try:
    ex.submit(work, 1)
except RuntimeError as e:
    print("RuntimeError:", e)

with cf.ThreadPoolExecutor(1, initializer=init, initargs=("T",)) as ex:
    print(list(ex.map(tagged, [1, 2])))

# One worker: a long task, then queued ones that shutdown(cancel_futures=True) cancels.
ex = cf.ThreadPoolExecutor(max_workers=1)
first = ex.submit(time.sleep, 0.05)
rest = [ex.submit(work, i) for i in range(3)]
time.sleep(0.01)
print(first.running(), [f.done() for f in rest])
ex.shutdown(wait=True, cancel_futures=True)
print(first.done(), [f.cancelled() for f in rest])

# map's timeout covers the whole iteration.
with cf.ThreadPoolExecutor(2) as ex:
    it = ex.map(time.sleep, [0.01, 0.5], timeout=0.1)
    print(next(it))
    try:
        next(it)
    except cf.TimeoutError as e:
        print("TimeoutError", repr(e))

print(cf.ThreadPoolExecutor()._max_workers == min(32, os.cpu_count() + 4))
print(threading.active_count())
