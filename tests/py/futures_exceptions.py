# Future's API and errors: cancel, result/exception timeouts, done callbacks (run at once when
# done, or by the thread that completes the future), an exception in a callback is logged and
# the others still run, set_result twice, and result() re-raising the worker's exception.
import concurrent.futures as cf
import threading
import time

f = cf.Future()
print(f.done(), f.running(), f.cancelled())
try:
    f.result(timeout=0.01)
except cf.TimeoutError as e:
    print("result timeout", repr(e))
try:
    f.exception(timeout=0)
except TimeoutError:
    print("exception timeout")
print(f.cancel(), f.cancelled(), f.done(), f.cancel())
try:
    f.result()
except cf.CancelledError as e:
    print(type(e).__module__, type(e).__qualname__, type(e).__mro__[1].__name__)
print(f.set_running_or_notify_cancel())

g = cf.Future()
print(g.set_running_or_notify_cancel(), g.running(), g.cancel())
g.set_result(42)
try:
    g.set_result(43)
except cf.InvalidStateError as e:
    print("InvalidStateError", str(e).split(":")[0])
seen = []
g.add_done_callback(lambda fut: seen.append(("late", fut.result())))
print(seen)


def cb(name):
    def callback(fut):
        seen.append((name, threading.current_thread().name, fut.result()))
    return callback


with cf.ThreadPoolExecutor(1, thread_name_prefix="w") as ex:
    h = ex.submit(time.sleep, 0.05)
    h.add_done_callback(cb("a"))
    h.add_done_callback(lambda fut: 1 / 0)
    h.add_done_callback(cb("b"))
    h.result()
print(seen)


def boom(x):
    raise ValueError("bad %d" % x)


with cf.ThreadPoolExecutor(2) as ex:
    k = ex.submit(boom, 7)
    print(repr(k.exception()))
    print(k.done(), k.cancelled())
    try:
        list(ex.map(boom, [1, 2]))
    except ValueError as e:
        print("map raised", e)
    print(issubclass(cf.BrokenExecutor, RuntimeError), cf.TimeoutError is TimeoutError)
    k.result()
