# concsim's fnmatch: shell-style wildcards (* ? [seq] [!seq]) matched directly, without
# regular expressions. Invariant: the answers of CPython 3.11's fnmatch on POSIX.

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]


def fnmatch(name, pat):
    return fnmatchcase(name, pat)


def filter(names, pat):
    return [n for n in names if fnmatchcase(n, pat)]


def _class_end(pat, i):
    # The index of the ']' closing the class that starts at pat[i] == '[', or -1.
    j = i + 1
    if j < len(pat) and pat[j] == "!":
        j += 1
    if j < len(pat) and pat[j] == "]":
        j += 1
    while j < len(pat) and pat[j] != "]":
        j += 1
    return j if j < len(pat) else -1


def _in_class(c, body):
    negate = body.startswith("!")
    if negate:
        body = body[1:]
    found = False
    k = 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            if body[k] <= c <= body[k + 2]:
                found = True
            k += 3
        else:
            if body[k] == c:
                found = True
            k += 1
    return found != negate


def fnmatchcase(name, pat):
    # Iterative matching with backtracking on the last '*'.
    n = 0
    p = 0
    star = -1
    mark = 0
    while n < len(name):
        if p < len(pat):
            c = pat[p]
            if c == "*":
                star = p
                mark = n
                p += 1
                continue
            if c == "?":
                n += 1
                p += 1
                continue
            if c == "[":
                end = _class_end(pat, p)
                if end >= 0:
                    if _in_class(name[n], pat[p + 1:end]):
                        n += 1
                        p = end + 1
                        continue
                elif name[n] == "[":
                    n += 1
                    p += 1
                    continue
            elif c == name[n]:
                n += 1
                p += 1
                continue
        if star >= 0:
            p = star + 1
            mark += 1
            n = mark
            continue
        return False
    while p < len(pat) and pat[p] == "*":
        p += 1
    return p == len(pat)


def translate(pat):
    raise NotImplementedError("concsim does not support fnmatch.translate yet (no re module)")
