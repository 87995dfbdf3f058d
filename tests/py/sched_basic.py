# sched: events ordered by (time, priority, sequence), cancel, empty, queue, run(blocking),
# on a virtual clock; then on the real clock with a thread adding events while run() waits.
import sched
import threading
import time


class Clock:
    def __init__(self):
        self.now = 100.0
        self.sleeps = []

    def time(self):
        return self.now

    def sleep(self, d):
        self.sleeps.append(d)
        self.now += d


clock = Clock()
s = sched.scheduler(clock.time, clock.sleep)
log = []


def act(name, *rest, **kw):
    log.append((name, clock.now) + rest + tuple(sorted(kw.items())))


print(sched.__all__, s.empty())
e1 = s.enter(5, 1, act, ("five-p1",))
e2 = s.enter(5, 0, act, ("five-p0",))
e3 = s.enterabs(102, 3, act, ("abs-102", 1), {"k": 2})
e4 = s.enter(5, 1, act, argument=("five-p1-second",))
e5 = s.enter(1, 0, act, ("cancelled",))
print(e1.time, e1.priority, e1.argument, e1.kwargs, e3.kwargs, e1.sequence < e4.sequence)
print(type(e1).__name__, e1._fields)
print(e2 < e1, e1 < e4, e3 < e2)
s.cancel(e5)
print([(e.time, e.priority, e.argument) for e in s.queue], s.empty())
print(s.run(blocking=False))
s.run()
print(log)
print(clock.sleeps)
print(s.empty(), s.queue, s.run(), s.run(False))
try:
    s.cancel(e5)
except ValueError as e:
    print("ValueError", e)


# An action that enters further events, and one that raises (the event is gone afterwards).
def chain(n):
    log.append(("chain", n, clock.now))
    if n:
        s.enter(1, 0, chain, (n - 1,))


def boom():
    raise RuntimeError("boom")


log.clear()
s.enter(0, 0, chain, (2,))
s.enter(0.5, 0, boom)
try:
    s.run()
except RuntimeError as e:
    print("RuntimeError", e, len(s.queue))
s.run()
print(log)

# The real clock; a thread enters an earlier event while run() sleeps for a later one.
order = []
rs = sched.scheduler()
rs.enter(0.2, 1, order.append, ("late",))


def add():
    time.sleep(0.05)
    rs.enter(0.01, 1, order.append, ("from thread",))


t = threading.Thread(target=add)
t.start()
rs.run()
t.join()
print(order, rs.empty())

# The example of CPython's documentation.
out = []
s2 = sched.scheduler(time.monotonic, time.sleep)
def print_time(a="default"):
    out.append(a)
now = time.monotonic()
s2.enter(0.02, 1, print_time)
s2.enterabs(now + 0.01, 2, print_time, argument=("positional",))
s2.enterabs(now + 0.01, 1, print_time, kwargs={"a": "keyword"})
s2.run()
print(out)
