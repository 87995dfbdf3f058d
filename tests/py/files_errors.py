# CPython's errors for files: missing files, directories, existing files, wrong modes,
# closed files, bad mode strings and types.
import os
import tempfile

d = tempfile.mkdtemp()
p = os.path.join(d, "f.txt")
missing = os.path.join(d, "missing.txt")


def show(what, fn):
    try:
        r = fn()
        print(what, "->", r)
    except Exception as e:
        text = str(e).replace(d, "<tmp>")
        print(what, "->", type(e).__name__, text)


with open(p, "w") as f:
    f.write("content\n")

show("open missing", lambda: open(missing))
show("open rel missing", lambda: open("no_such_file_here.txt"))
show("open dir", lambda: open(d))
show("open dir w", lambda: open(d, "w"))
show("open x existing", lambda: open(p, "x"))
show("open in missing dir", lambda: open(os.path.join(d, "nodir", "x.txt"), "w"))
show("mode rw", lambda: open(p, "rw"))
show("mode rr", lambda: open(p, "rr"))
show("mode b", lambda: open(p, "b"))
show("mode q", lambda: open(p, "q"))
show("mode rbt", lambda: open(p, "rbt"))
show("binary encoding", lambda: open(p, "rb", encoding="utf-8"))
show("bad newline", lambda: open(p, newline="x"))
show("bad encoding", lambda: open(p, encoding="nope-codec"))
show("open None", lambda: open(None))

f = open(p)
show("write on r", lambda: f.write("x"))
f.close()
show("read closed", lambda: f.read())
show("readline closed", lambda: f.readline())
show("with closed", lambda: f.__enter__())
show("iter closed", lambda: iter(f))
show("seek closed", lambda: f.seek(0))
show("tell closed", lambda: f.tell())
show("flush closed", lambda: f.flush())
print("close twice", f.close(), f.closed)

g = open(p, "w")
show("read on w", lambda: g.read())
show("write bytes to text", lambda: g.write(b"x"))
g.close()
h = open(p, "wb")
show("read on wb", lambda: h.read())
show("write str to binary", lambda: h.write("x"))
h.close()
h = open(p, "rb")
show("write on rb", lambda: h.write(b"x"))
h.close()
t = open(p)
show("cur seek", lambda: t.seek(1, 1))
show("end seek", lambda: t.seek(-1, 2))
show("neg seek", lambda: t.seek(-1))
t.close()

try:
    open(missing)
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename == missing, e.filename2, e.args)
try:
    open(p, "rb").write(b"x")
except ValueError as e:
    print(type(e).__name__, type(e).__module__, isinstance(e, OSError), isinstance(e, ValueError), e)

show("remove missing", lambda: os.remove(missing))
show("remove dir", lambda: os.remove(d))
show("rmdir nonempty", lambda: os.rmdir(d))
show("rmdir file", lambda: os.rmdir(p))
show("mkdir existing", lambda: os.mkdir(d))
show("listdir missing", lambda: os.listdir(missing))
show("listdir file", lambda: os.listdir(p))
show("rename missing", lambda: os.rename(missing, p + "2"))
show("stat missing", lambda: os.stat(missing))
show("chdir missing", lambda: os.chdir(missing))
show("getsize missing", lambda: os.path.getsize(missing))

os.remove(p)
os.rmdir(d)
print(os.path.exists(d))
