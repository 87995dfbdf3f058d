# collections: deque (incl. maxlen, rotate, errors), defaultdict, Counter, OrderedDict,
# namedtuple, ChainMap, and a deque shared by threads without a lock (its append and
# popleft are atomic, as in CPython).
import threading
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d)
print(d.pop(), d.popleft(), d)
d.rotate(1)
print(d)
d.rotate(-2)
print(d)
d.extend([7, 8])
d.extendleft([9, 10])
print(d, list(reversed(d)), d.count(7), d.index(7))
b = deque(range(10), maxlen=3)
print(b, b.maxlen)
b.append(10)
b.appendleft(-1)
print(b)
e = deque()
for op in (e.pop, e.popleft):
    try:
        op()
    except IndexError as ex:
        print("IndexError:", ex)
try:
    d.remove(99)
except ValueError as ex:
    print("ValueError:", ex)
print(deque("abc") == deque("abc"), bool(deque()), deque([1]) + deque([2]))
d[0] = "x"
del d[1]
print(d, d.copy())
d.clear()
print(d)

dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dict(dd), sorted(dd.items()), dd["zz"], len(dd))
counts = defaultdict(int)
for w in "the cat the hat the".split():
    counts[w] += 1
print(counts, counts.default_factory)
nd = defaultdict()
try:
    nd["x"]
except KeyError as ex:
    print("KeyError", ex, nd)

c = Counter("abracadabra")
print(c, c["a"], c["zz"], c.most_common(2), c.total())
c.update("aaz")
c.subtract({"b": 2})
print(c, sorted(c.elements())[:6])
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2))
print(Counter(a=3, b=1) & Counter(a=1, b=2), Counter(a=3, b=1) | Counter(a=1, b=2))
print(Counter(), Counter([1, 1, 2]) == Counter({1: 2, 2: 1}), list(Counter("hello").keys()))

od = OrderedDict()
od["x"] = 1
od["y"] = 2
od["z"] = 3
od.move_to_end("x")
print(od, list(od))
od.move_to_end("z", last=False)
print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict(a=1) == {"a": 1})

Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], p._fields, p._asdict(), p._replace(x=5), Point._make([3, 4]))
x, y = p
print(x + y, len(p), p == (1, 2), p == Point(1, 2), hash(p) == hash((1, 2)), tuple(p), list(p))
Emp = namedtuple("Emp", "name, age dept", defaults=["none"])
print(Emp("bob", 30), Emp._field_defaults, Emp("a", 1, "d").dept)
try:
    Point(1)
except TypeError as ex:
    print("TypeError:", ex)
try:
    p._replace(z=1)
except ValueError as ex:
    print("ValueError:", ex)
try:
    namedtuple("Bad", ["x", "x"])
except ValueError as ex:
    print("ValueError:", ex)
print(sorted([Point(2, 1), Point(1, 5)]), Point(1, 2)[:1])

cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], "b" in cm, len(cm), sorted(cm), cm)
child = cm.new_child({"c": 4})
print(child["c"], child.parents)

# A deque shared by threads: producers append, consumers popleft, no lock.
shared = deque()
taken = []


def producer(n):
    for i in range(200):
        shared.append((n, i))


def consumer():
    got = 0
    while got < 200:
        try:
            item = shared.popleft()
        except IndexError:
            continue
        taken.append(item)
        got += 1


threads = [threading.Thread(target=producer, args=(n,)) for n in range(2)]
threads += [threading.Thread(target=consumer) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(taken), len(set(taken)), len(shared))
