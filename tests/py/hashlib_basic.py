import hashlib

for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]:
    h = getattr(hashlib, name)(b"hello ")
    h.update(b"world")
    c = h.copy()
    c.update(b"!")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest(), c.hexdigest()[:16])
    print(h.digest()[:8], hashlib.new(name.upper(), b"hello world").hexdigest() == h.hexdigest())
print(hashlib.md5().hexdigest(), hashlib.sha256(b"").hexdigest())
print(hashlib.sha256(b"a" * 1000).hexdigest())
h = hashlib.sha1()
for i in range(100):
    h.update(str(i).encode())
print(h.hexdigest(), h.hexdigest())
print(hashlib.new("md5", b"x").hexdigest(), hashlib.new(name="sha1", data=b"x").hexdigest())
print(hashlib.md5(string=b"a", usedforsecurity=False).hexdigest())
print(sorted(hashlib.algorithms_guaranteed & {"md5", "sha1", "sha256", "sha512"}))
print("sha256" in hashlib.algorithms_available, type(h).__name__)


def worker_key(i):
    return hashlib.sha256(("task-%d" % i).encode()).hexdigest()[:12]


print([worker_key(i) for i in range(3)])
for f in [lambda: hashlib.new("foo"), lambda: hashlib.md5("x"), lambda: hashlib.sha256(5),
          lambda: hashlib.md5().update("s"), lambda: hashlib.new(5), lambda: hashlib.sha1([1])]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
hashlib.sha512().update("text")
