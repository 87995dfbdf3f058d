# concsim's os.path (posixpath): CPython 3.11's pure functions on str paths, and the
# queries (exists, isfile, getsize...) over os.stat of the host's simulated file system.
# Invariant: the queries answer False instead of raising, as CPython's do.

import os

sep = "/"
curdir = "."
pardir = ".."
extsep = "."
pathsep = ":"
defpath = "/bin:/usr/bin"
altsep = None
devnull = "/dev/null"
supports_unicode_filenames = False


def _str(p, what):
    if isinstance(p, str):
        return p
    if hasattr(p, "__fspath__"):
        return p.__fspath__()
    raise TypeError("expected str, bytes or os.PathLike object, not %s" % type(p).__name__)


def normcase(s):
    return _str(s, "normcase")


def isabs(s):
    return _str(s, "isabs").startswith("/")


def join(a, *p):
    a = _str(a, "join")
    path = a
    for b in p:
        if not isinstance(b, str):
            raise TypeError("join() argument must be str, bytes, or os.PathLike object, not '%s'"
                            % type(b).__name__)
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    p = _str(p, "split")
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def splitext(p):
    p = _str(p, "splitext")
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != ".":
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ""


def splitdrive(p):
    return p[:0], p


def basename(p):
    p = _str(p, "basename")
    return p[p.rfind("/") + 1:]


def dirname(p):
    p = _str(p, "dirname")
    i = p.rfind("/") + 1
    head = p[:i]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head


def normpath(path):
    path = _str(path, "normpath")
    if path == "":
        return "."
    initial_slashes = 1 if path.startswith("/") else 0
    if initial_slashes and path.startswith("//") and not path.startswith("///"):
        initial_slashes = 2
    new_comps = []
    for comp in path.split("/"):
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial_slashes and not new_comps) or (new_comps and new_comps[-1] == ".."):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = "/".join(new_comps)
    if initial_slashes:
        path = "/" * initial_slashes + path
    return path or "."


def abspath(path):
    path = _str(path, "abspath")
    if not path.startswith("/"):
        path = join(os.getcwd(), path)
    return normpath(path)


def realpath(filename, *, strict=False):
    return abspath(filename)


def relpath(path, start=None):
    path = _str(path, "relpath")
    if not path:
        raise ValueError("no path specified")
    if start is None:
        start = "."
    start_list = [x for x in abspath(start).split("/") if x]
    path_list = [x for x in abspath(path).split("/") if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [".."] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return "."
    return join(*rel_list)


def commonprefix(m):
    if not m:
        return ""
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    split_paths = [[c for c in p.split("/") if c and c != "."] for p in paths]
    isabs_ = set(p.startswith("/") for p in paths)
    if len(isabs_) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    common = split_paths[0]
    for sp in split_paths[1:]:
        n = 0
        while n < len(common) and n < len(sp) and common[n] == sp[n]:
            n += 1
        common = common[:n]
    prefix = "/" if paths[0].startswith("/") else ""
    return prefix + "/".join(common)


def expanduser(path):
    # CPython's for the current user (the simulated machine has no password database to
    # find another user's home: "~name" is left as it is).
    path = _str(path, "expanduser")
    if not path.startswith("~"):
        return path
    i = path.find("/", 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    home = os.environ.get("HOME", "/root")
    home = home.rstrip("/")
    return (home + path[i:]) or "/"


def expandvars(path):
    return _str(path, "expandvars")


def exists(path):
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


lexists = exists


def isfile(path):
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return not st._is_dir


def isdir(s):
    try:
        st = os.stat(s)
    except (OSError, ValueError):
        return False
    return st._is_dir


def islink(path):
    return False


def ismount(path):
    return abspath(path) == "/"


def getsize(filename):
    return os.stat(filename).st_size


def getmtime(filename):
    return os.stat(filename).st_mtime


def getatime(filename):
    return os.stat(filename).st_atime


def getctime(filename):
    return os.stat(filename).st_ctime


def samefile(f1, f2):
    os.stat(f1)
    os.stat(f2)
    return abspath(f1) == abspath(f2)
