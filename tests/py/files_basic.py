# open() and file objects over a temporary directory: modes, reading, writing, seeking.
import os
import tempfile

d = tempfile.mkdtemp()
p = os.path.join(d, "notes.txt")

with open(p, "w") as f:
    print(type(f).__name__, f.mode, f.closed, f.writable(), f.readable())
    n = f.write("alpha\nbeta\n")
    print("wrote", n)
    f.writelines(["gamma\n", "delta"])
    print("tell", f.tell())
print("closed", f.closed)

with open(p) as f:
    print(repr(f.read()))
with open(p, encoding="utf-8") as f:
    print(repr(f.readline()), repr(f.readline(3)), repr(f.readline()))
    print(f.readlines())
with open(p) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
with open(p) as f:
    print(repr(f.read(4)), f.tell(), repr(f.read(3)))
    f.seek(0)
    print(repr(f.read(5)))
    print(f.seek(0, 2), repr(f.read()))

with open(p, "a") as f:
    print("append tell", f.tell())
    f.write("\nepsilon\n")
with open(p) as f:
    print(len(f.readlines()))

with open(p, "r+") as f:
    f.write("ALPHA")
    f.seek(0)
    print(repr(f.readline()))

with open(p, "rb") as f:
    data = f.read()
    print(type(f).__name__, type(data).__name__, data[:11])
    f.seek(-8, 2)
    print(f.read(), f.tell())
    f.seek(0)
    print(f.readline(), f.read(4))

b = os.path.join(d, "data.bin")
with open(b, "wb") as f:
    print(type(f).__name__, f.write(bytes(range(5))), f.write(b"\xff\x00"))
with open(b, "rb") as f:
    print(list(f.read()))
with open(b, "r+b") as f:
    print(type(f).__name__)
    f.seek(2)
    f.write(b"ZZ")
with open(b, "rb") as f:
    print(f.read())

crlf = os.path.join(d, "crlf.txt")
with open(crlf, "wb") as f:
    f.write(b"one\r\ntwo\rthree\nfour")
with open(crlf) as f:
    print(f.readlines())
with open(crlf, newline="") as f:
    print(f.readlines())
with open(crlf, newline="\n") as f:
    print(f.readlines())

u = os.path.join(d, "utf.txt")
with open(u, "w", encoding="utf-8") as f:
    print(f.write("café ☕\n"))
with open(u, "rb") as f:
    print(f.read())
with open(u, encoding="utf-8") as f:
    print(f.read(4), f.read())

x = os.path.join(d, "new.txt")
with open(x, "x") as f:
    f.write("created")
with open(x) as f:
    print(f.read())

open(x, "w").write("one-liner")
print(open(x).read())

print(sorted(os.listdir(d)))
print(os.path.getsize(p), os.path.isfile(p), os.path.isdir(p), os.path.isdir(d), os.path.exists(d + "/missing"))
for name in sorted(os.listdir(d)):
    os.remove(os.path.join(d, name))
os.rmdir(d)
print(os.path.exists(d))
