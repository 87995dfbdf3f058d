import pickle
from collections import namedtuple

Point = namedtuple("Point", "x y")


class Job:
    def __init__(self, name, n):
        self.name = name
        self.n = n

    def __repr__(self):
        return "Job(%r, %r)" % (self.name, self.n)


class Custom:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Custom, (self.v * 2,))


def work(x):
    return x


shared = [1, 2]
values = [None, True, False, 0, 255, 256, 65535, 65536, -1, -2**31, 2**31, 2**64, -2**70,
          1.5, -0.0, "", "héllo", "a" * 300, b"", b"\x00\xff", (), (1,), (1, 2), (1, 2, 3),
          (1, 2, 3, 4), [], [1], [1, 2, [3]], {}, {"a": 1}, {"a": 1, "b": [2]}, set(),
          {1, 2, 3}, frozenset([4, 5]), [shared, shared], Point(1, 2), Job("j", 3),
          ValueError("bad", 2), work, Job, len, Custom(5), list(range(1500))]
for v in values:
    data = pickle.dumps(v)
    back = pickle.loads(data)
    if len(data) < 80:
        print(data)
    else:
        print(len(data), data[:40])
    print(" ", (repr(back.v) if type(back).__name__ == "Custom" else repr(back).split(" at ")[0])[:60], type(back).__name__, back == v)
two = pickle.loads(pickle.dumps([shared, shared]))
print(two[0] is two[1])
print(pickle.dumps({"k": 1}, protocol=5))
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)
for bad in (lambda: 0,):
    try:
        pickle.dumps(bad)
    except pickle.PicklingError as e:
        print("PicklingError", str(e).split(" at ")[0])
import threading
try:
    pickle.dumps(threading.Lock())
except TypeError as e:
    print("TypeError", e)
for data in (b"", b"\x80\x04K", b"zz", b"\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00h\x05."):
    try:
        pickle.loads(data)
    except Exception as e:
        print(type(e).__name__, e)
try:
    pickle.dumps(1, protocol=9)
except ValueError as e:
    print(e)
with open("pickle_basic.tmp", "wb") as f:
    pickle.dump({"saved": [1, 2]}, f)
with open("pickle_basic.tmp", "rb") as f:
    print(pickle.load(f))
import os
os.remove("pickle_basic.tmp")
