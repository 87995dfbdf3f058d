# A Python __getitem__, __setitem__ or __iter__ may block (take a lock another thread holds,
# sleep): the thread waits and the program goes on as in CPython.
import threading
import time


class Guarded:
    def __init__(self):
        self.lock = threading.Lock()
        self.items = [0, 0, 0]

    def __getitem__(self, i):
        with self.lock:
            return self.items[i]

    def __setitem__(self, i, v):
        time.sleep(0.01)
        with self.lock:
            self.items[i] = v

    def __iter__(self):
        with self.lock:
            return iter(list(self.items))


def holder(g, started):
    with g.lock:
        started.set()
        time.sleep(0.05)
        g.items[1] = 7
        print('holder releases')


g = Guarded()
started = threading.Event()
t = threading.Thread(target=holder, args=(g, started))
t.start()
started.wait()
print('read', g[1])
g[2] = 9
print('after write', g[2], [x for x in g], list(g))
t.join()
try:
    g[5]
except IndexError as e:
    print('IndexError', e)
