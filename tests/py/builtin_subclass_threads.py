# A dict subclass shared by threads behind a lock, and a list subclass used as a task queue.
import threading


class Tally(dict):
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def __missing__(self, key):
        return 0

    def add(self, key, n=1):
        with self.lock:
            self[key] += n


class TaskQueue(list):
    def __init__(self, tasks):
        super().__init__(tasks)
        self.cond = threading.Condition()
        self.done = []

    def take(self):
        with self.cond:
            if not self:
                return None
            return self.pop(0)


tally = Tally()
queue = TaskQueue([f"job{i}" for i in range(12)])


def worker(name):
    while True:
        job = queue.take()
        if job is None:
            break
        tally.add(name)
        tally.add("total")
        with queue.cond:
            queue.done.append(job)


threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("total", tally["total"], "missing", tally["nobody"])
print("workers", sum(v for k, v in tally.items() if k != "total"))
print("done", sorted(queue.done, key=lambda j: int(j[3:])))
print("left", queue, len(queue), bool(queue), isinstance(queue, list))
print(type(tally).__name__, isinstance(tally, dict), "total" in tally)


class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))


results = {}
lock = threading.Lock()


def place(i):
    p = Point(i, i * i)
    with lock:
        results[p] = sum(p)


ts = [threading.Thread(target=place, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results.items()), results[(2, 4)])
