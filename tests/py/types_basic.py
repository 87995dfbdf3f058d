import types
from types import SimpleNamespace
import sys

def f(): pass
class C:
    def m(self): pass
def g(): yield 1
async def co(): return 1
print(type(f) is types.FunctionType, isinstance(lambda: 0, types.LambdaType))
print(isinstance(C().m, types.MethodType), isinstance(C.m, types.MethodType))
print(isinstance(len, types.BuiltinFunctionType), isinstance(g(), types.GeneratorType), isinstance(f, types.GeneratorType))
c = co()
print(isinstance(c, types.CoroutineType)); c.close()
print(isinstance(sys, types.ModuleType), isinstance(types, types.ModuleType))
print(type(None) is types.NoneType, types.FunctionType.__name__, types.MethodType.__name__, types.BuiltinFunctionType.__name__)
print(types.GeneratorType.__name__, types.CoroutineType.__name__, types.ModuleType.__name__)

ns = SimpleNamespace(a=1, b="two")
print(ns, repr(ns))
ns.c = [3]
print(ns, ns.a, ns.c)
del ns.a
print(ns)
print(SimpleNamespace() == SimpleNamespace(), SimpleNamespace(x=1) == SimpleNamespace(x=1), SimpleNamespace(x=1) != SimpleNamespace(x=2))
print(SimpleNamespace(x=1) == {"x": 1})
print(vars(SimpleNamespace(k=5)))
try:
    SimpleNamespace(1)
except TypeError as e:
    print("TypeError:", e)
try:
    hash(SimpleNamespace())
except TypeError as e:
    print("TypeError:", e)
try:
    ns.missing
except AttributeError as e:
    print("AttributeError:", e)
class Config(SimpleNamespace):
    pass
print(Config(debug=True, workers=4))
r = SimpleNamespace(name="r")
r.self = r
print(r)

mp = types.MappingProxyType({"a": 1, "b": 2})
print(mp, mp["a"], len(mp), "b" in mp, list(mp), mp.get("z", 0), sorted(mp.items()))
try:
    mp["c"] = 3
except TypeError as e:
    print("TypeError:", e)
try:
    types.MappingProxyType(5)
except TypeError as e:
    print("TypeError:", e)
print(mp == {"a": 1, "b": 2}, mp.copy())
