import weakref

class Node:
    def __init__(self, name):
        self.name = name
    def hello(self, x):
        return "%s says %s" % (self.name, x)
    def __repr__(self):
        return "Node(%r)" % self.name

a = Node("a")
r = weakref.ref(a)
print(r() is a, r().name, r == weakref.ref(a), weakref.getweakrefcount(a) >= 1)
print(isinstance(r, weakref.ReferenceType), r.__callback__)
for bad in [1, "s", (1,), [1], {"a": 1}, None, 2.5]:
    try:
        weakref.ref(bad)
    except TypeError as e:
        print("TypeError:", e)
def f(): pass
print(weakref.ref(f)() is f, weakref.ref(Node)() is Node)

p = weakref.proxy(a)
print(p.name, p.hello("hi"), str(p))
p.name = "a2"
print(a.name)
cp = weakref.proxy(f)
print(cp() is None, type(p).__name__ in ("ProxyType", "weakproxy"))

wm = weakref.WeakMethod(a.hello)
print(wm()("x"))
try:
    weakref.WeakMethod(f)
except TypeError as e:
    print("TypeError:", e)

cache = weakref.WeakValueDictionary()
b = Node("b")
cache["a"] = a
cache["b"] = b
print(sorted(cache.keys()), cache["b"], len(cache), "a" in cache, cache.get("zz"))
try:
    cache["n"] = 5
except TypeError as e:
    print("TypeError:", e)
del cache["a"]
print(list(cache.items()))

meta = weakref.WeakKeyDictionary()
meta[a] = 1
meta[b] = 2
print(meta[a], len(meta), sorted(meta.values()))
try:
    meta["k"] = 1
except TypeError as e:
    print("TypeError:", e)

ws = weakref.WeakSet([a, b])
ws.add(a)
print(len(ws), a in ws, 3 in ws)
ws.discard(b)
print(len(ws), list(ws))
try:
    ws.add(3)
except TypeError as e:
    print("TypeError:", e)

log = []
c = Node("c")
fin = weakref.finalize(c, log.append, "c finalized")
print(fin.alive, fin.peek()[0] is c, fin.atexit)
fin()
print(fin.alive, log, fin(), fin.detach(), fin.peek())
d = Node("d")
fd = weakref.finalize(d, print, "d finalized")
det = weakref.finalize(d, print, "never")
print(det.detach()[0] is d, det.alive)
e = Node("e")
weakref.finalize(e, print, "e finalized at exit", "(newest first)")
g = Node("g")
nf = weakref.finalize(g, print, "not at exit")
nf.atexit = False
print("end of program")
