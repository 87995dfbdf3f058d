# concsim's pathlib: CPython 3.11's PurePosixPath/PosixPath API (Path is PosixPath) over
# os and os.path, hence over the host's files: the pure operations (parts, name, stem,
# suffix, parent, /, with_suffix, relative_to...) and the file operations (exists, open,
# read_text, write_text, iterdir, glob, mkdir, unlink, rename...). Path is PosixPath (one
# class: without __new__ there is no picking the flavour at construction).
# Invariant: a path is kept as CPython normalizes it (no '.' parts, no doubled or trailing
# slashes; '' is '.'), so str(), ==, hash and repr agree with CPython's.

import os
import fnmatch

__all__ = ["PurePath", "PurePosixPath", "Path", "PosixPath"]


def _parse(args):
    parts = []
    for a in args:
        if isinstance(a, PurePath):
            a = str(a)
        elif hasattr(a, "__fspath__"):
            a = a.__fspath__()
        if not isinstance(a, str):
            raise TypeError("argument should be a str or an os.PathLike object where __fspath__ returns a str, "
                            "not %r" % type(a).__name__)
        if a.startswith("/"):
            parts = ["//" if a.startswith("//") and not a.startswith("///") else "/"]
        for p in a.split("/"):
            if p and p != ".":
                parts.append(p)
    return parts


class PurePath:
    def __init__(self, *args):
        self._parts = _parse(args)

    def _from_parts(self, parts):
        p = type(self)()
        p._parts = parts
        return p

    def __str__(self):
        if not self._parts:
            return "."
        if self._parts[0] in ("/", "//"):
            return self._parts[0] + "/".join(self._parts[1:])
        return "/".join(self._parts)

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, str(self))

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts == other._parts

    def __hash__(self):
        return hash(str(self))

    def __lt__(self, other):
        return self._parts < other._parts

    def __truediv__(self, key):
        try:
            return type(self)(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return type(self)(key, self)
        except TypeError:
            return NotImplemented

    def joinpath(self, *args):
        return type(self)(self, *args)

    @property
    def parts(self):
        return tuple(self._parts)

    @property
    def anchor(self):
        return self._parts[0] if self._parts and self._parts[0] in ("/", "//") else ""

    root = anchor
    drive = ""

    @property
    def name(self):
        if not self._parts or self._parts[-1] in ("/", "//"):
            return ""
        return self._parts[-1]

    @property
    def suffix(self):
        name = self.name
        i = name.rfind(".")
        if 0 < i < len(name) - 1:
            return name[i:]
        return ""

    @property
    def suffixes(self):
        name = self.name
        if name.endswith("."):
            return []
        name = name.lstrip(".")
        return ["." + s for s in name.split(".")[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind(".")
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    @property
    def parent(self):
        if not self._parts or (len(self._parts) == 1 and self._parts[0] in ("/", "//")):
            return self
        return self._from_parts(self._parts[:-1])

    @property
    def parents(self):
        out = []
        p = self
        while p.parent != p:
            p = p.parent
            out.append(p)
        return tuple(out)

    def is_absolute(self):
        return bool(self.anchor)

    def with_name(self, name):
        if not self.name:
            raise ValueError("%r has an empty name" % (self,))
        return self._from_parts(self._parts[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if suffix and not suffix.startswith("."):
            raise ValueError("Invalid suffix %r" % suffix)
        if not self.name:
            raise ValueError("%r has an empty name" % (self,))
        return self.with_name(self.stem + suffix)

    def relative_to(self, *other):
        base = type(self)(*other)
        n = len(base._parts)
        if self._parts[:n] != base._parts:
            raise ValueError("%r is not in the subpath of %r OR one path is relative and the other is absolute."
                             % (str(self), str(base)))
        return self._from_parts(self._parts[n:])

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def match(self, pattern):
        pat = _parse([pattern])
        if pat and pat[0] in ("/", "//"):
            if len(pat) != len(self._parts):
                return False
        elif len(pat) > len(self._parts):
            return False
        for part, p in zip(reversed(self._parts), reversed(pat)):
            if not fnmatch.fnmatchcase(part, p):
                return False
        return True


class PurePosixPath(PurePath):
    pass


class PosixPath(PurePosixPath):
    # Path itself (concsim has no __new__ to pick the flavour: Path is PosixPath).

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser("~"))

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(os.getcwd(), self)

    def resolve(self, strict=False):
        return type(self)(os.path.abspath(str(self)))

    def stat(self, *, follow_symlinks=True):
        return os.stat(str(self))

    def exists(self):
        return os.path.exists(str(self))

    def is_file(self):
        return os.path.isfile(str(self))

    def is_dir(self):
        return os.path.isdir(str(self))

    def is_symlink(self):
        return False

    def open(self, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
        return open(str(self), mode, buffering, encoding, errors, newline)

    def read_text(self, encoding=None, errors=None):
        with self.open(encoding=encoding, errors=errors) as f:
            return f.read()

    def read_bytes(self):
        with self.open("rb") as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError("data must be str, not %s" % type(data).__name__)
        with self.open("w", encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def write_bytes(self, data):
        with self.open("wb") as f:
            return f.write(bytes(data))

    def iterdir(self):
        return iter([self / name for name in os.listdir(str(self))])

    def glob(self, pattern):
        import glob as _glob
        base = str(self)
        found = _glob.glob(os.path.join(base, pattern), recursive="**" in pattern)
        return iter(sorted(type(self)(p) for p in found))

    def rglob(self, pattern):
        return self.glob("**/" + pattern)

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            if parents:
                os.makedirs(str(self), exist_ok=exist_ok)
            else:
                os.mkdir(str(self))
        except FileExistsError:
            if not exist_ok or not self.is_dir():
                raise

    def rmdir(self):
        os.rmdir(str(self))

    def unlink(self, missing_ok=False):
        try:
            os.remove(str(self))
        except FileNotFoundError:
            if not missing_ok:
                raise

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(17, "File exists", str(self))
            return
        open(str(self), "a").close()

    def rename(self, target):
        os.rename(str(self), str(target))
        return type(self)(target)

    def replace(self, target):
        os.replace(str(self), str(target))
        return type(self)(target)

    def samefile(self, other):
        return os.path.samefile(str(self), str(other))


Path = PosixPath
