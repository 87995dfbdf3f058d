# pathlib over the files: pure operations and file operations.
import os
import tempfile
from pathlib import Path, PurePosixPath

p = Path("a/b.tar.gz")
print(p, repr(p), p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parts, p.with_suffix(".x"), p / "c", "x" / p)
print(Path("/"), Path(""), Path("a//b/./c"), Path("a", "b"), Path("/a").parent.parent, p.is_absolute())
print(Path("/usr/lib/x.py").relative_to("/usr"), Path("a/b/c.py").match("*.py"), Path("a/b").with_name("z"))
print(Path("a") == Path("a/"), Path("a") == PurePosixPath("a"), sorted([Path("b"), Path("a")]))
print([str(x) for x in Path("/a/b/c").parents], type(Path("x")).__name__)
try:
    Path("a").relative_to("b")
except ValueError as e:
    print("ValueError:", e)

d = Path(tempfile.mkdtemp())
f = d / "notes.txt"
print(f.exists(), f.write_text("hello\nworld\n"), f.exists(), f.is_file(), d.is_dir())
print(repr(f.read_text()), f.read_bytes(), f.stat().st_size)
(d / "sub" / "deeper").mkdir(parents=True)
(d / "sub" / "x.py").touch()
(d / "sub" / "y.py").write_bytes(b"print(1)\n")
print(sorted(q.name for q in d.iterdir()))
print(sorted(str(q.relative_to(d)) for q in d.glob("*.txt")))
print(sorted(str(q.relative_to(d)) for q in d.rglob("*.py")))
with f.open("a") as h:
    h.write("more\n")
print(len(f.read_text().splitlines()), os.path.getsize(f), os.path.exists(f))
g = f.rename(d / "renamed.txt")
print(g.name, f.exists(), g.exists())
try:
    (d / "missing.txt").read_text()
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename == str(d / "missing.txt"))
(d / "missing.txt").unlink(missing_ok=True)
print(Path.cwd() == Path(os.getcwd()), Path("rel").absolute() == Path.cwd() / "rel")
for q in sorted(d.rglob("*"), reverse=True):
    if q.is_dir():
        q.rmdir()
    else:
        q.unlink()
d.rmdir()
print(d.exists())
