# as_completed (in finishing order, with a timeout), wait with each return_when, and
# DoneAndNotDoneFutures.
import concurrent.futures as cf
import time


def sleepy(n):
    time.sleep(n / 100)
    return n


with cf.ThreadPoolExecutor(max_workers=4) as ex:
    # 50 ms apart: a loaded machine may start a worker late by tens of milliseconds.
    fs = [ex.submit(sleepy, n) for n in (16, 1, 11, 6)]
    print([f.result() for f in cf.as_completed(fs)])

    done_first = [ex.submit(sleepy, 0)]
    time.sleep(0.01)
    print([f.result() for f in cf.as_completed(done_first + done_first)])

    slow = [ex.submit(sleepy, n) for n in (1, 30, 40)]
    got = []
    try:
        for f in cf.as_completed(slow, timeout=0.1):
            got.append(f.result())
    except cf.TimeoutError as e:
        print(got, "TimeoutError:", e)
    cf.wait(slow)

    fs = [ex.submit(sleepy, n) for n in (5, 1, 20)]
    done, not_done = cf.wait(fs, return_when=cf.FIRST_COMPLETED)
    print(sorted(f.result() for f in done), len(not_done))
    res = cf.wait(fs, timeout=0.01)
    print(type(res).__name__, len(res.done), len(res.not_done))
    res = cf.wait(fs)
    print(sorted(f.result() for f in res.done), res.not_done)

    def fail(n):
        time.sleep(n / 100)
        raise KeyError(n)

    fs = [ex.submit(sleepy, 10), ex.submit(fail, 2), ex.submit(sleepy, 1)]
    done, not_done = cf.wait(fs, return_when=cf.FIRST_EXCEPTION)
    print(sorted(repr(f.exception()) for f in done), len(not_done))
    try:
        cf.wait(fs, return_when="SOMETIMES")
    except ValueError as e:
        print(e)
    empty = cf.wait([])
    print(empty)
