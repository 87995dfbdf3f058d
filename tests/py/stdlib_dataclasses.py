# dataclasses: fields from annotations, defaults and default_factory, generated __init__
# (with CPython's argument errors), __repr__, __eq__, order, frozen (FrozenInstanceError),
# __post_init__, inheritance, asdict/astuple/replace/fields; and a class's own
# __setattr__ / object.__setattr__, which frozen dataclasses are built on.
import threading
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, is_dataclass


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass
class Job:
    name: str
    priority: int = 5
    tags: list = field(default_factory=list)
    done: bool = field(default=False, repr=False)


p = Point(1, 2)
print(p, Point(3), Point(y=4, x=5), p == Point(1, 2), p != Point(2, 1), p == (1, 2))
j = Job("build")
j.tags.append("ci")
print(j, Job("x", 1, ["a"]), j.done, Job("a").tags is not Job("b").tags)
print(asdict(j), astuple(p), replace(p, y=9), [f.name for f in fields(Job)], is_dataclass(p), is_dataclass(1))
for bad in (lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: Job()):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print("ValueError:", e)


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0


print(sorted([Version(1, 5), Version(1, 2), Version(0, 9)]), Version(1) < Version(1, 1), Version(2) >= Version(1, 9))


@dataclass(frozen=True)
class Config:
    host: str
    port: int = 80


c = Config("localhost")
print(c, hash(c) == hash(Config("localhost")))
try:
    c.port = 8080
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e, isinstance(e, AttributeError))
try:
    del c.host
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
print(replace(c, port=443))


@dataclass
class Account:
    owner: str
    balance: float = 0.0
    history: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        self.history.append(("open", self.balance))


@dataclass
class Savings(Account):
    rate: float = 0.01


s = Savings("ann", 10.0, rate=0.05)
print(s, s.history, [f.name for f in fields(s)])


class Logged:
    def __init__(self):
        object.__setattr__(self, "log", [])

    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)


o = Logged()
o.a = 1
setattr(o, "b", 2)
del o.a
print(o.log, o.b, hasattr(o, "a"))


@dataclass
class Counter:
    value: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def incr(self):
        with self.lock:
            self.value += 1


counter = Counter()
threads = [threading.Thread(target=lambda: [counter.incr() for _ in range(100)]) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, counter == Counter(400))
