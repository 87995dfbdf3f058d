# User dunders the VM runs as frames (so they may block, as a manager's proxies do):
# __setattr__/__delattr__/__getattr__ with object.__setattr__ & co, len(), `in`, `+=`,
# next(), setattr() and print() with an instance that is not the first argument.
import threading

lock = threading.Lock()


def blocking():
    with lock:
        pass
    ev = threading.Event()
    ev.wait(0.001)


class Rec:
    def __init__(self):
        self.log = []

    def __setattr__(self, k, v):
        if k != "log":
            blocking()
            self.log.append(("set", k, v))
        object.__setattr__(self, k, v)

    def __getattr__(self, k):
        if k.startswith("_"):
            raise AttributeError(k)
        blocking()
        return k.upper()

    def __delattr__(self, k):
        blocking()
        self.log.append(("del", k))
        object.__delattr__(self, k)


r = Rec()
r.x = 1
setattr(r, "y", 2)
print(r.x, r.y, r.zz, getattr(r, "ww"))
del r.x
print(r.x, r.log)
try:
    object.__getattribute__(r, "nope")
except AttributeError as e:
    print("AttributeError", e)
print(object.__getattribute__(r, "y"))


class Box:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        blocking()
        return len(self.items)

    def __contains__(self, x):
        blocking()
        return x in self.items

    def __iadd__(self, other):
        blocking()
        self.items = self.items + list(other)
        return self

    def __str__(self):
        blocking()
        return "Box%r" % (self.items,)


class Count:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        blocking()
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


b = Box([1, 2])
b += [3]
print(len(b), 2 in b, 5 in b, 5 not in b)
print("box:", b, len(b))
c = Count(2)
print(next(c), next(c), next(c, "done"))
try:
    next(c)
except StopIteration:
    print("StopIteration")


class Neg:
    def __len__(self):
        return -1


try:
    len(Neg())
except ValueError as e:
    print(e)

# all()/any() over a generator whose source blocks.
print(all(x >= 0 for x in Count(3)), any(x > 5 for x in Count(3)), any(x == 1 for x in Count(3)))
print(all([]), any([]))
