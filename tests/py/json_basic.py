import json
import io

data = {"name": "worker-1", "ids": [1, 2, 3], "ok": True, "none": None, "ratio": 0.1 + 0.2,
        "nested": {"b": [], "a": {}, "t": (1, "x")}, "big": 10 ** 20, "neg": -1.5e-7}
print(json.dumps(data))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, indent=0))
print(json.dumps([1, [2, [3, {}]], {"k": [None]}], indent="\t"))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps({"a": 1, "b": [1, 2]}, indent=4, separators=(", ", " = ")))
print(json.dumps("héllo \"w\"\\ \n\t\x01\x7f \u2603 \U0001F600"))
print(json.dumps("héllo \"w\"\\ \n\t\x01\x7f \u2603 \U0001F600", ensure_ascii=False))
print(json.dumps({1: "a", 2.5: "b", True: "c", None: "d", "e": 1e16, "f": 1e300 * 10}))
print(json.dumps([float("nan"), float("-inf"), 1.0, 100.0, 1e-5, 123456789.125]))
print(json.dumps({(1, 2): 3, "x": 4}, skipkeys=True))
print(json.dumps(3), json.dumps("s"), json.dumps(None), json.dumps(False), json.dumps(2.0))
print(json.dumps([]), json.dumps({}), json.dumps([[]], indent=2), json.dumps({"a": {}}, indent=2))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)


print(json.dumps([Point(1, 2), Point(3, 4)], cls=PointEncoder))
print(json.dumps({"p": Point(0, 1)}, default=lambda o: [o.x, o.y], indent=1))
print(json.dumps({"s": {3, 1, 2}}, default=sorted))
enc = json.JSONEncoder(indent=2)
print(enc.encode({"z": 1}), "".join(enc.iterencode([1, 2])))
print(list(json.JSONEncoder().iterencode({"a": [1]}))[0:1] != [])

for bad, kw in [({"s": {1}}, {}), ([1, Point(1, 1)], {}), ({(1, 2): 3}, {}),
                ([float("nan")], {"allow_nan": False}), ({"a": 1, 2: 3}, {"sort_keys": True}),
                (b"bytes", {})]:
    try:
        json.dumps(bad, **kw)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
loop = [1]
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError", e)
d = {}
d["self"] = d
try:
    json.dumps(d)
except ValueError as e:
    print("ValueError", e)

buf = io.StringIO()
json.dump({"x": [1, 2]}, buf, indent=2)
print(buf.getvalue())
buf = io.StringIO()
try:
    json.dump([1, "a", {"k": {1, 2}}], buf)
except TypeError as e:
    print("partial:", buf.getvalue(), e)

# decoding
text = ' {"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d\\n\\u00e9\\ud83d\\ude00"}, "e": ""} '
obj = json.loads(text)
print(obj)
print(json.loads(json.dumps(data)) == json.loads(json.dumps(data, indent=3)))
print(json.loads(b'[1, "\xc3\xa9"]'), json.loads(b'\xef\xbb\xbf{"a": 1}'))
print(json.loads("[NaN, Infinity, -Infinity, -0, 0.0, 1E+2, 1e-2, 12345678901234567890]"))
print(json.loads('{"a": 1, "a": 2}'), json.loads('"\\/\\b\\f\\r\\t"'))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=lambda p: p))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads("[1.5, 2, 3]", parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads("[NaN]", parse_constant=lambda c: "const " + c))
print(json.loads('"tab\there"', strict=False))
print(json.JSONDecoder().raw_decode('{"a": 1} trailing'))
print(json.load(io.StringIO('{"from": "file"}')))

for bad in ['[1,2,]', '{"a":1,}', 'nan', ' ', '', '"abc', '"a\\x"', '"\\u12"', '"ab\\uzzzz"',
            '"a\x01"', '{"a" 1}', '{1:2}', '[1 2]', '1 2', '-', '-x', '01', '1.', '1e', '[',
            '{', '{"a":', '"\\', '\ufeff1', '{"a": 1\n, "b" 2}', '[\n  1,\n  2\n  3]', 'tru',
            '{"a": 1 "b"}', '[1, ]', '{"a"', '"\\ud83d\\uzz"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e, "|", e.msg, e.pos, e.lineno, e.colno, e.doc == bad)
try:
    json.loads(12)
except TypeError as e:
    print("TypeError", e)
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError.__module__)
from collections import OrderedDict, defaultdict, Counter, namedtuple, deque
P = namedtuple("P", "x y")
dd = defaultdict(list)
dd["a"].append(1)
print(json.dumps({"od": OrderedDict([("b", 1), ("a", 2)]), "dd": dd, "c": Counter("aab"),
                  "p": P(1, 2)}, sort_keys=True))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=OrderedDict))
try:
    json.dumps([deque([1])])
except TypeError as e:
    print(e)
from json.decoder import JSONDecodeError
from json.encoder import JSONEncoder
print(JSONDecodeError is json.JSONDecodeError, JSONEncoder is json.JSONEncoder)
json.loads('{"unterminated": [1, 2')
