# concsim's glob: CPython 3.11's glob over the host's files (os.listdir and fnmatch), hidden
# names matched only by patterns that start with a dot, '**' with recursive=True.
# Invariant: results in os.listdir's order (sorted here), paths joined as the pattern wrote them.

import os
import fnmatch

__all__ = ["glob", "iglob", "escape", "has_magic"]


def has_magic(s):
    return "*" in s or "?" in s or "[" in s


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    return list(iglob(pathname, root_dir=root_dir, recursive=recursive, include_hidden=include_hidden))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    return iter(_glob(pathname, root_dir, recursive, include_hidden))


def _join(root_dir, p):
    if root_dir is None or p.startswith("/"):
        return p
    return os.path.join(root_dir, p) if p else root_dir


def _exists(root_dir, p):
    return os.path.lexists(_join(root_dir, p))


def _glob(pathname, root_dir, recursive, hidden):
    dirname, basename = os.path.split(pathname)
    if not has_magic(pathname):
        if basename:
            return [pathname] if _exists(root_dir, pathname) else []
        return [pathname] if os.path.isdir(_join(root_dir, dirname)) else []
    if not dirname:
        if recursive and basename == "**":
            return _rlistdir(root_dir, "", hidden)
        return _match(root_dir, "", basename, hidden, False)
    if dirname != pathname and has_magic(dirname):
        dirs = _glob(dirname, root_dir, recursive, hidden)
    else:
        dirs = [dirname]
    out = []
    for d in dirs:
        if recursive and basename == "**":
            for x in _rlistdir(root_dir, d, hidden):
                out.append(x)
        elif has_magic(basename):
            out.extend(_match(root_dir, d, basename, hidden, True))
        elif basename:
            p = os.path.join(d, basename)
            if _exists(root_dir, p):
                out.append(p)
        elif os.path.isdir(_join(root_dir, d)):
            out.append(os.path.join(d, basename))
    return out


def _names(root_dir, d):
    try:
        return sorted(os.listdir(_join(root_dir, d) or "."))
    except OSError:
        return []


def _match(root_dir, d, pattern, hidden, join):
    out = []
    for n in _names(root_dir, d):
        if (hidden or not n.startswith(".") or pattern.startswith(".")) and fnmatch.fnmatch(n, pattern):
            out.append(os.path.join(d, n) if join else n)
    return out


def _rlistdir(root_dir, d, hidden):
    out = [os.path.join(d, "")] if d else [""]
    if not d:
        out = []
    for n in _names(root_dir, d):
        if not hidden and n.startswith("."):
            continue
        p = os.path.join(d, n) if d else n
        out.append(p)
        if os.path.isdir(_join(root_dir, p)):
            out.extend(x for x in _rlistdir(root_dir, p, hidden) if x != os.path.join(p, ""))
    return out


def escape(pathname):
    out = []
    for c in pathname:
        out.append("[" + c + "]" if c in "*?[" else c)
    return "".join(out)
