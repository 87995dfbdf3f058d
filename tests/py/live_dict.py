# obj.__dict__ and vars(obj) are the instance's live attribute dict.
class C:
    kind = "c"

    def __init__(self):
        self.a = 1


c = C()
d = c.__dict__
print(d)
d["b"] = 2
print(c.b, hasattr(c, "b"))
c.x = 10
print(d, d is c.__dict__, vars(c) is d)
del c.a
print(d, "a" in d)
vars(c).update(y=5, z=6)
print(c.y, c.z)
d.clear()
print(hasattr(c, "x"), c.__dict__)
c.__dict__.setdefault("w", 7)
print(c.w, sorted(vars(c)))
print("kind" in vars(c), c.kind)
d["kind"] = "mine"
print(c.kind, C.kind)
try:
    c.b
except AttributeError as e:
    print("AttributeError:", e)


# Copying attributes between objects through __dict__.
class Config:
    pass


src = C()
dst = Config()
dst.__dict__.update(src.__dict__)
print(vars(dst))
for k, v in list(vars(dst).items()):
    setattr(dst, k, v * 100)
print(dst.a)


# A class's __dict__ is a read-only view of its namespace.
print("kind" in C.__dict__, C.__dict__["kind"], "__init__" in C.__dict__)

try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
