# A dict subclass: __missing__, overridden __setitem__/__repr__, super().__init__, dict.__setitem__(self, ...), json, |, |=, and CPython's errors.
class Counter(dict):
    def __missing__(self, key):
        return 0

c = Counter()
c["a"] += 1
c["a"] += 1
c["b"] = 5
print(c, len(c), "a" in c, "z" in c, c["z"])
print(isinstance(c, dict), type(c).__name__, sorted(c), list(c.items()))
print(repr(c), str(c), c == {"a": 2, "b": 5}, c != {})

class AttrDict(dict):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.created = True
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v.upper() if isinstance(v, str) else v)

a = AttrDict({"x": 1}, y="two")
print(a, a.x, a.created)
a["z"] = "zed"
print(a["z"], a.get("z"), a.keys(), dict(a))
dict.__setitem__(a, "w", "direct")
print(a)
try:
    a.missing
except AttributeError as e:
    print("AttributeError", e)
try:
    hash(a)
except TypeError as e:
    print("TypeError", e)

class Registry(dict):
    def __repr__(self):
        return f"Registry({len(self)} items)"
r = Registry(a=1)
print(r, [r], str(r))
r.update(b=2)
r.setdefault("c", 3)
print(r.pop("a"), r.copy(), type(r.copy()).__name__)
import json
print(json.dumps(Counter(x=1, y=[1, 2])))
d = {}
d.update(Counter(q=9))
print(d, {**Counter(k=1)}, Counter(k=1) | {"m": 2})
c2 = Counter(a=1)
c2 |= {"b": 2}
print(c2, type(c2).__name__)
for k in Counter(p=1, q=2):
    print(k)
print(len(Counter()), bool(Counter()), bool(Counter(a=1)))
try:
    Registry()["nope"]
except KeyError as e:
    print("KeyError", e)
class Bad(dict, list):
    pass
