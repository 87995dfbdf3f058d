# Builtins and instructions that take every item of a generator whose body blocks (it sleeps
# and waits for a lock held by another thread): the items are taken as frames, so the
# generator may block, and the results are CPython's.
import threading
import time

lock = threading.Lock()


def slow(n, pairs=False):
    for i in range(n):
        time.sleep(0.001)
        with lock:
            item = (i, i * i) if pairs else i
        yield item


def holder():
    with lock:
        time.sleep(0.01)


t = threading.Thread(target=holder)
t.start()
print("max", max(slow(4)), "min", min(slow(4)), "key", max(slow(4), key=lambda x: -x))
print("min default", min(slow(0), default="none"))
print("dict", dict(slow(3, pairs=True)))
d = {"a": 1}
d.update(slow(2, pairs=True))
print("update", d)
print("fromkeys", dict.fromkeys(slow(3)))
print("frozenset", sorted(frozenset(slow(3))))
print("join", ",".join(str(i) for i in slow(4)))
xs = [9]
xs.extend(slow(3))
print("extend", xs)
s = {9}
s.update(slow(3))
print("set update", sorted(s), sorted({0}.union(slow(3))))
print("unpack", [*slow(3)], (*slow(2), "end"))
a, b, c = slow(3)
print("a b c", a, b, c)
first, *rest = slow(4)
print("first rest", first, rest)
print(*slow(3), sep="-")
print("in", 2 in slow(4), 7 in slow(3), 5 not in slow(2))
try:
    a, b = slow(3)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = slow(2)
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c, d = slow(2)
except ValueError as e:
    print("ValueError:", e)
t.join()
