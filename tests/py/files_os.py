# os, os.path, glob, tempfile and shutil over the files, and sys.stdin/input() with an
# empty standard input.
import glob
import os
import shutil
import sys
import tempfile

print(os.path.join("a", "b", "c.txt"), os.path.join("a/", "/abs", "x"), os.path.join("", "y"))
print(os.path.split("/a/b/c.txt"), os.path.split("c.txt"), os.path.split("/"), os.path.split("a/b/"))
print(os.path.splitext("a/b.tar.gz"), os.path.splitext(".bashrc"), os.path.splitext("a.b/c"))
print(os.path.basename("/x/y.py"), os.path.dirname("/x/y.py"), os.path.dirname("y.py"))
print(os.path.normpath("a//b/./c/../d"), os.path.normpath("../x/.."), os.path.normpath("//a/b"), os.path.normpath(""))
print(os.path.isabs("/a"), os.path.isabs("a"), os.path.abspath("/a/b/../c"))
print(os.path.relpath("/a/b/c", "/a/x"), os.path.commonprefix(["/usr/lib", "/usr/local"]))
print(os.path.abspath("x.txt") == os.path.join(os.getcwd(), "x.txt"))
print(os.path.exists(__file__), os.path.isfile(__file__), os.path.isdir(os.path.dirname(os.path.abspath(__file__))))

with tempfile.TemporaryDirectory(prefix="run_") as d:
    print(os.path.basename(d).startswith("run_"), os.path.dirname(d) == tempfile.gettempdir())
    os.makedirs(os.path.join(d, "a", "b", "c"))
    os.makedirs(os.path.join(d, "a", "b"), exist_ok=True)
    try:
        os.makedirs(os.path.join(d, "a"))
    except FileExistsError as e:
        print("FileExistsError", e.errno)
    for name in ["one.txt", "two.txt", "three.log", "a/inner.txt", "a/b/deep.txt"]:
        with open(os.path.join(d, name), "w") as f:
            f.write(name * 2)
    print(sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, "*.txt"))))
    print(sorted(os.path.relpath(p, d) for p in glob.glob(os.path.join(d, "**", "*.txt"), recursive=True)))
    print(sorted(os.path.relpath(p, d) for p in glob.glob(os.path.join(d, "?n*"))))
    print(glob.glob(os.path.join(d, "nothing*")))
    for root, dirs, files in os.walk(d):
        print(os.path.relpath(root, d), sorted(dirs), sorted(files))
    st = os.stat(os.path.join(d, "one.txt"))
    print(st.st_size, os.path.getsize(os.path.join(d, "three.log")))
    os.rename(os.path.join(d, "one.txt"), os.path.join(d, "uno.txt"))
    print(sorted(os.listdir(d)))
    shutil.copy(os.path.join(d, "uno.txt"), os.path.join(d, "a"))
    print(sorted(os.listdir(os.path.join(d, "a"))))
    shutil.move(os.path.join(d, "two.txt"), os.path.join(d, "a", "b", "moved.txt"))
    print(sorted(os.listdir(os.path.join(d, "a", "b"))))
    here = os.getcwd()
    os.chdir(os.path.join(d, "a"))
    print(os.path.basename(os.getcwd()), sorted(os.listdir()), open("inner.txt").read())
    os.chdir(here)
    shutil.rmtree(os.path.join(d, "a"))
    print(sorted(os.listdir(d)))
print(os.path.exists(d))

fd, path = tempfile.mkstemp(suffix=".dat")
print(os.write(fd, b"abc"))
os.close(fd)
print(open(path).read(), path.endswith(".dat"))
os.remove(path)
with tempfile.NamedTemporaryFile("w+") as t:
    t.write("hi")
    t.seek(0)
    print(t.read(), os.path.exists(t.name))
print(os.path.exists(t.name))

print(repr(sys.stdin.read()), sys.stdin.readline() == "", list(sys.stdin))
try:
    input("prompt> ")
except EOFError as e:
    print()
    print("EOFError:", e)
