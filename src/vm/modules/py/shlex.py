# concsim's shlex: CPython 3.11's split (POSIX rules: quotes, backslashes, optional
# comments), quote and join, written directly rather than as CPython's lexer class.
# Invariant: the same words and errors ("No closing quotation", "No escaped character") as
# CPython's shlex.split.

__all__ = ["split", "quote", "join"]

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_")


def split(s, comments=False, posix=True):
    if s is None:
        raise ValueError("s argument must not be None")
    if not posix:
        raise NotImplementedError("concsim's shlex.split supports posix=True only")
    words = []
    word = None
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in " \t\r\n":
            if word is not None:
                words.append(word)
                word = None
            i += 1
        elif comments and c == "#" and word is None:
            while i < n and s[i] != "\n":
                i += 1
        elif c == "'":
            j = s.find("'", i + 1)
            if j < 0:
                raise ValueError("No closing quotation")
            word = (word or "") + s[i + 1:j]
            i = j + 1
        elif c == '"':
            i += 1
            buf = ""
            while True:
                if i >= n:
                    raise ValueError("No closing quotation")
                if s[i] == '"':
                    break
                if s[i] == "\\" and i + 1 < n and s[i + 1] in '"\\$`\n':
                    buf += s[i + 1]
                    i += 2
                    continue
                buf += s[i]
                i += 1
            word = (word or "") + buf
            i += 1
        elif c == "\\":
            if i + 1 >= n:
                raise ValueError("No escaped character")
            word = (word or "") + s[i + 1]
            i += 2
        else:
            word = (word or "") + c
            i += 1
    if word is not None:
        words.append(word)
    return words


def quote(s):
    if not s:
        return "''"
    if all(c in _SAFE for c in s):
        return s
    return "'" + s.replace("'", "'\"'\"'") + "'"


def join(split_command):
    return " ".join(quote(arg) for arg in split_command)
