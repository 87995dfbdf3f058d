# The low-level _thread API the tutorials mention: start_new_thread, allocate_lock, exit.
import _thread
import time

lock = _thread.allocate_lock()
done = []


def worker(name, n):
    with lock:
        done.append((name, n))
    if n == 1:
        _thread.exit()
    done.append((name, -1))


ident = _thread.start_new_thread(worker, ("w0", 0))
print("started first:", type(ident).__name__, ident != _thread.get_ident())
for i in (1, 2):
    _thread.start_new_thread(worker, ("w%d" % i,), {"n": i})
time.sleep(0.5)
print(sorted(done))
print(_thread.LockType, type(_thread.allocate_lock()), _thread.error is RuntimeError)
for bad in ((worker, ["x", 1]), (5, ()), (worker, ("x",), [])):
    try:
        _thread.start_new_thread(*bad)
    except TypeError as e:
        print("TypeError:", e)
