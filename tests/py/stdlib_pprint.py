# pprint: short containers on one line (dict keys sorted), long ones one item per line
# with CPython's indentation, nesting, width/indent/depth/compact/sort_dicts, long strings.
import pprint

data = {"zeta": [1, 2, 3], "alpha": {"b": 2, "a": 1}, "mid": (1,), "s": {1, 2, 3}}
pprint.pprint(data)
pprint.pprint(data, width=30)
stuff = ["spam", "eggs", "lumberjack", "knights", "ni"]
stuff.insert(0, stuff[:])
pprint.pprint(stuff)
pprint.pprint(stuff, indent=4, width=40)
pprint.pprint(list(range(40)), compact=True)
pprint.pprint(list(range(30)), width=40)
nested = {"results": [{"id": i, "name": "worker-%d" % i, "tags": ["a", "b"], "score": i * 1.5} for i in range(4)]}
pprint.pprint(nested)
pprint.pprint(nested, depth=2)
pprint.pprint({"b": 1, "a": 2, "c": [{"y": 1, "x": 2}]}, sort_dicts=False, width=20)
text = "The quick brown fox jumps over the lazy dog. " * 4
pprint.pprint(text)
pprint.pprint({"key": text})
pprint.pprint((("a" * 30, "b" * 30), frozenset({4, 5}), [], {}, ()))
print(pprint.pformat({"x": list(range(25))}, width=50))
print(pprint.saferepr({"b": [1, 2], "a": None}), pprint.isreadable([1, "a"]), pprint.isreadable(object()))
pprint.pp({"b": 1, "a": 2})
r = [1, 2]
r.append(r)
print(pprint.isrecursive(r))
