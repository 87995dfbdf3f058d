# concsim's re: regular expressions in CPython's sre design. A parser turns the pattern
# into a tree of nodes (tuples), a compiler turns the tree into a chain of closures in
# continuation style (each node is fn(i) -> bool, calling the rest of the pattern on
# success), and the search loop tries the chain at successive positions. Invariant: the
# matches, groups, errors and leftmost-first backtracking order of CPython 3.11's re,
# including 3.7+'s empty matches in findall/sub/split (a match may not be empty where the
# previous empty one ended). Repeats of single-character atoms (and of runs of them) loop
# instead of recursing, so `\w+` over long texts needs no deep recursion; repeats of larger
# subpatterns keep a stack of generators, one per iteration, instead of recursing. Bytes are
# matched as latin-1 text. A compiled pattern keeps a pool of engines (closures over their
# own state), so threads can share a pattern.
# Not supported: possessive quantifiers and atomic groups (NotImplementedError), \N{name},
# LOCALE, full Unicode case folding (IGNORECASE compares lower()/upper()), Pattern.scanner,
# groupindex as a mappingproxy (a dict). Known departure: a conditional (?(1)...) inside
# group 1 itself sees sre's stale marks in CPython, not here.

__all__ = ["match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
           "compile", "purge", "escape", "error", "Pattern", "Match", "A", "I", "L", "M",
           "S", "X", "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
           "UNICODE", "NOFLAG"]

_FLAGNAMES = [(1, "TEMPLATE"), (2, "IGNORECASE"), (4, "LOCALE"), (8, "MULTILINE"),
              (16, "DOTALL"), (32, "UNICODE"), (64, "VERBOSE"), (128, "DEBUG"), (256, "ASCII")]
_FLAGORDER = [256, 2, 4, 32, 8, 16, 64, 1, 128]


def _flagnames(v, order):
    names = []
    for f in order:
        if v & f:
            names.append("re." + dict(_FLAGNAMES)[f])
            v &= ~f
    if v:
        names.append(hex(v))
    return "|".join(names)


class RegexFlag:
    # The flags as CPython's IntFlag shows them (concsim cannot subclass int): they combine
    # with | & ^ into flags and convert, compare and hash as their int.
    def __init__(self, value):
        self._value_ = value

    value = property(lambda self: self._value_)

    def __repr__(self):
        return _flagnames(self._value_, _FLAGORDER) or "re.NOFLAG"

    __str__ = __repr__

    def __format__(self, spec):
        return format(self._value_, spec)

    def __int__(self):
        return self._value_

    __index__ = __int__

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return self._value_ == int(other) if isinstance(other, (int, RegexFlag)) else NotImplemented

    def __bool__(self):
        return self._value_ != 0

    def __or__(self, other):
        return RegexFlag(self._value_ | int(other))

    def __and__(self, other):
        return RegexFlag(self._value_ & int(other))

    def __xor__(self, other):
        return RegexFlag(self._value_ ^ int(other))

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(~self._value_ & 511)

    def __add__(self, other):
        return self._value_ + other

    __radd__ = __add__


NOFLAG = RegexFlag(0)
T = TEMPLATE = RegexFlag(1)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
U = UNICODE = RegexFlag(32)
X = VERBOSE = RegexFlag(64)
DEBUG = RegexFlag(128)
A = ASCII = RegexFlag(256)
_INLINE = {"i": 2, "L": 4, "m": 8, "s": 16, "x": 64, "a": 256, "u": 32}
_MAXREPEAT = 4294967295


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.lineno = self.colno = None
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            nl = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(nl, 0, pos) + 1
            self.colno = pos - pattern.rfind(nl, 0, pos)
            if nl in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        Exception.__init__(self, msg)


PatternError = error

# ---- character predicates -------------------------------------------------------------


def _uword(c):
    return c.isalnum() or c == "_"


def _aword(c):
    return c < "\x80" and (c.isalnum() or c == "_")


def _udigit(c):
    return c.isdecimal()


def _adigit(c):
    return "0" <= c <= "9"


def _uspace(c):
    return c.isspace()


def _aspace(c):
    return c in " \t\n\r\f\v"


def _cat(letter, ascii):
    # The predicate of \d \w \s (and their negations \D \W \S).
    k = letter.lower()
    if k == "d":
        p = _adigit if ascii else _udigit
    elif k == "w":
        p = _aword if ascii else _uword
    else:
        p = _aspace if ascii else _uspace
    if letter.isupper():
        return lambda c: not p(c)
    return p


def _fold(c, ascii):
    if ascii and c >= "\x80":
        return (c,)
    return (c, c.lower(), c.upper())


# ---- parser ---------------------------------------------------------------------------
# Nodes: ("lit", c) ("str", s) ("pred", fn) ("any",) ("at", kind) ("grp", g, seq)
# ("rep", min, max, greedy, seq) ("alt", [seq...]) ("ref", g) ("look", behind, neg, seq, w)
# ("cond", g, yes, no) where seq is a list of nodes.

_SPECIAL_ESC = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


class _Parser:
    def __init__(self, text, orig, flags):
        self.p = text
        self.orig = orig
        self.i = 0
        self.flags = flags
        self.ngroups = 1
        self.names = {}
        self.open = []
        self.condrefs = {}
        self.asc = 256 if not isinstance(orig, str) else 0

    def err(self, msg, pos):
        return error(msg, self.orig, pos)

    def peek(self):
        return self.p[self.i] if self.i < len(self.p) else ""

    def skip_verbose(self):
        p = self.p
        while self.i < len(p):
            c = p[self.i]
            if c in " \t\n\r\f\v":
                self.i += 1
            elif c == "#":
                while self.i < len(p) and p[self.i] != "\n":
                    self.i += 1
            else:
                break

    def parse(self):
        seq = self.alt()
        if self.i < len(self.p):
            raise self.err("unbalanced parenthesis", self.i)
        for g, pos in self.condrefs.items():
            if g >= self.ngroups:
                raise self.err("invalid group reference %d" % g, pos)
        return seq

    def alt(self):
        branches = [self.seq()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.seq())
        if len(branches) == 1:
            return branches[0]
        # An alternation of single characters is a set (CPython does the same).
        if all(len(b) == 1 and b[0][0] in ("lit", "pred") for b in branches):
            preds = [self.charpred(b[0]) for b in branches]
            return [("pred", lambda c: any(f(c) for f in preds))]
        return [("alt", branches)]

    def charpred(self, node):
        if node[0] == "pred":
            return node[1]
        ch = node[1]
        return lambda c: c == ch

    def seq(self):
        items = []
        p = self.p
        while True:
            if self.flags & 64:
                self.skip_verbose()
            if self.i >= len(p):
                return items
            c = p[self.i]
            if c in "|)":
                return items
            start = self.i
            if c in "*+?" or (c == "{" and self.quant_at(self.i)):
                raise self.err("nothing to repeat", start)
            node = self.atom()
            if node is None:
                continue
            if self.flags & 64:
                self.skip_verbose()
            q = self.quant()
            if q is None:
                if node[0] == "seq":
                    items.extend(node[1])
                else:
                    items.append(node)
                continue
            qpos, mn, mx = q
            if node[0] == "at" or (node[0] == "seq" and not node[1]):
                raise self.err("nothing to repeat", qpos)
            greedy = True
            if self.peek() == "?":
                self.i += 1
                greedy = False
            elif self.peek() == "+":
                raise NotImplementedError("concsim does not support possessive quantifiers yet")
            if self.flags & 64:
                self.skip_verbose()
            if self.i < len(p) and (p[self.i] in "*+?" or (p[self.i] == "{" and self.quant_at(self.i))):
                raise self.err("multiple repeat", self.i)
            sub = node[1] if node[0] == "seq" else [node]
            items.append(("rep", mn, mx, greedy, sub))

    def quant_at(self, j):
        # Whether p[j] == '{' starts a valid {m,n} repeat.
        p = self.p
        j += 1
        k = j
        while k < len(p) and p[k].isdigit():
            k += 1
        if k < len(p) and p[k] == ",":
            k += 1
            while k < len(p) and p[k].isdigit():
                k += 1
        elif k == j:
            return False
        return k < len(p) and p[k] == "}"

    def quant(self):
        c = self.peek()
        qpos = self.i
        if c == "*":
            self.i += 1
            return qpos, 0, _MAXREPEAT
        if c == "+":
            self.i += 1
            return qpos, 1, _MAXREPEAT
        if c == "?":
            self.i += 1
            return qpos, 0, 1
        if c == "{" and self.quant_at(self.i):
            p = self.p
            j = self.i + 1
            k = j
            while p[k].isdigit():
                k += 1
            mn = int(p[j:k]) if k > j else 0
            if p[k] == ",":
                k += 1
                j2 = k
                while p[k].isdigit():
                    k += 1
                mx = int(p[j2:k]) if k > j2 else _MAXREPEAT
            else:
                mx = mn
            if mx < mn:
                raise self.err("min repeat greater than max repeat", qpos + 1)
            if mn >= _MAXREPEAT or (mx >= _MAXREPEAT and p[k - 1] != ","):
                raise OverflowError("the repetition number is too large")
            self.i = k + 1
            return qpos, mn, mx
        return None

    def litnode(self, c):
        if self.flags & 2:
            f = _fold(c, (self.flags | self.asc) & 256)
            if len(set(f)) > 1:
                fs = set(f)
                return ("pred", lambda x: x in fs or x.lower() in fs)
        return ("lit", c)

    def atom(self):
        p = self.p
        start = self.i
        c = p[self.i]
        self.i += 1
        if c == ".":
            return ("any", bool(self.flags & 16))
        if c == "^":
            return ("at", "bol" if self.flags & 8 else "beg")
        if c == "$":
            return ("at", "eol" if self.flags & 8 else "end")
        if c == "[":
            return self.charset(start)
        if c == "\\":
            return self.escape(start, False)
        if c == "(":
            return self.group(start)
        return self.litnode(c)

    def escape(self, start, inclass):
        # Returns a node; in a class, ("lit", c) or ("pred", fn).
        p = self.p
        if self.i >= len(p):
            raise self.err("bad escape (end of pattern)", start)
        c = p[self.i]
        self.i += 1
        if c in "dDwWsS":
            if inclass and self.i + 1 < len(p) and p[self.i] == "-" and p[self.i + 1] != "]":
                j = self.i + 2 if p[self.i + 1] != "\\" else self.i + 3
                raise self.err("bad character range %s-%s" % (p[start:self.i], p[self.i + 1:j]), start)
            return ("pred", _cat(c, (self.flags | self.asc) & 256))
        if c in _SPECIAL_ESC:
            return self.litnode(_SPECIAL_ESC[c])
        if c == "b" and inclass:
            return self.litnode("\b")
        if not inclass:
            if c in "AZbB":
                return ("at", c)
            if c in "123456789":
                # A backreference, unless three octal digits.
                j = self.i
                if j < len(p) and p[j].isdigit():
                    if c in "01234567" and p[j] in "01234567" and j + 1 < len(p) and p[j + 1] in "01234567":
                        self.i = j + 2
                        return self.octal(p[j - 1:j + 2], start)
                    self.i = j + 1
                g = int(p[start + 1:self.i])
                if g >= self.ngroups:
                    raise self.err("invalid group reference %d" % g, start + 1)
                if g in self.open:
                    raise self.err("cannot refer to an open group", start)
                return ("ref", g)
        if c == "x" or c == "u" or c == "U":
            n = {"x": 2, "u": 4, "U": 8}[c]
            h = ""
            while len(h) < n and self.i + len(h) < len(p) and p[self.i + len(h)] in "0123456789abcdefABCDEF":
                h += p[self.i + len(h)]
            if c != "x" and self.orig_is_bytes() or len(h) < n:
                if c != "x" and self.orig_is_bytes():
                    raise self.err("bad escape \\" + c, start)
                raise self.err("incomplete escape \\%s%s" % (c, h), start)
            self.i += n
            v = int(h, 16)
            if v > 0x10FFFF:
                raise self.err("bad escape \\%s%s" % (c, h), start)
            return self.litnode(chr(v))
        if c == "0" or (inclass and c in "1234567"):
            j = self.i
            while j < len(p) and j < start + 4 and p[j] in "01234567":
                j += 1
            if inclass and c != "0" and j - start - 1 < 3 and j < len(p) and p[j].isdigit():
                raise self.err("bad escape \\" + c, start)
            self.i = j
            return self.octal(p[start + 1:j], start)
        if c == "N" and not self.orig_is_bytes():
            raise NotImplementedError("concsim does not support \\N{name} escapes yet")
        if c.isalnum() and c < "\x80":
            raise self.err("bad escape \\" + c, start)
        return self.litnode(c)

    def octal(self, digits, start):
        v = int(digits, 8)
        if v > 0o377:
            raise self.err("octal escape value \\%s outside of range 0-0o377" % digits, start)
        return self.litnode(chr(v))

    def orig_is_bytes(self):
        return not isinstance(self.orig, str)

    def charset(self, start):
        p = self.p
        neg = False
        if self.peek() == "^":
            neg = True
            self.i += 1
        chars = []
        ranges = []
        preds = []
        first = True
        flags = self.flags
        self.flags = flags & ~2
        while True:
            if self.i >= len(p):
                raise self.err("unterminated character set", start)
            c = p[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            ipos = self.i
            self.i += 1
            if c == "\\":
                node = self.escape(ipos, True)
                if node[0] == "pred" and len(node) == 2 and p[ipos + 1] in "dDwWsS":
                    preds.append(node[1])
                    continue
                lo = node[1]
            else:
                lo = c
            if self.peek() == "-" and self.i + 1 < len(p) and p[self.i + 1] != "]":
                self.i += 1
                rpos = self.i
                c2 = p[self.i]
                self.i += 1
                if c2 == "\\":
                    node = self.escape(rpos, True)
                    if node[0] == "pred" and p[rpos + 1] in "dDwWsS":
                        raise self.err("bad character range %s-%s" % (p[ipos:rpos - 1], p[rpos:self.i]), ipos)
                    hi = node[1]
                else:
                    hi = c2
                if hi < lo:
                    raise self.err("bad character range %s-%s" % (p[ipos:rpos - 1], p[rpos:self.i]), ipos)
                ranges.append((lo, hi))
            else:
                chars.append(lo)
        self.flags = flags
        cs = set(chars)
        if self.flags & 2:
            asc = (self.flags | self.asc) & 256
            for ch in chars:
                for f in _fold(ch, asc):
                    cs.add(f)
        if not ranges and not preds:
            fn = lambda x: x in cs
        else:
            def fn(x):
                if x in cs:
                    return True
                for lo, hi in ranges:
                    if lo <= x <= hi:
                        return True
                for f in preds:
                    if f(x):
                        return True
                return False
            if ranges and self.flags & 2:
                inner = fn
                asc = (self.flags | self.asc) & 256
                fn = lambda x: any(inner(y) for y in _fold(x, asc))
        if neg:
            pos = fn
            return ("pred", lambda x: not pos(x))
        return ("pred", fn)

    def name(self, end, what):
        p = self.p
        j = p.find(end, self.i)
        if j < 0:
            if self.i >= len(p) or p[self.i:] == "":
                raise self.err("missing group name", self.i)
            raise self.err("missing %s, unterminated name" % end, self.i)
        nm = p[self.i:j]
        if not nm:
            raise self.err("missing group name", self.i)
        if not nm.isidentifier():
            raise self.err("bad character in group name %r" % nm, self.i)
        pos = self.i
        self.i = j + 1
        return nm, pos

    def flagset(self, start):
        p = self.p
        on = 0
        off = 0
        while self.i < len(p) and p[self.i] in _INLINE:
            on |= _INLINE[p[self.i]]
            self.i += 1
        if self.peek() == "-":
            self.i += 1
            if self.i >= len(p) or p[self.i] not in _INLINE:
                if self.i >= len(p):
                    raise self.err("missing flag", self.i)
                raise self.err("unknown flag" if p[self.i].isalpha() else "missing flag", self.i)
            while self.i < len(p) and p[self.i] in _INLINE:
                f = _INLINE[p[self.i]]
                if f & (4 | 32 | 256):
                    raise self.err("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", self.i)
                off |= f
                self.i += 1
            if on & off:
                raise self.err("bad inline flags: flag turned on and off", self.i)
            if self.peek() != ":":
                if self.i >= len(p):
                    raise self.err("missing :", self.i)
                raise self.err("missing :" if not p[self.i].isalpha() else "unknown flag", self.i)
        if self.i >= len(p):
            raise self.err("missing -, : or )", self.i)
        c = p[self.i]
        if c == ")":
            if start != 0:
                raise self.err("global flags not at the start of the expression", start)
            self.i += 1
            self.flags |= on
            return None
        if c != ":":
            raise self.err("unknown flag" if c.isalpha() else "missing -, : or )", self.i)
        self.i += 1
        save = self.flags
        self.flags = (self.flags | on) & ~off
        body = self.alt()
        self.flags = save
        self.close(start)
        return ("seq", body)

    def close(self, start):
        if self.peek() != ")":
            raise self.err("missing ), unterminated subpattern", start)
        self.i += 1

    def group(self, start):
        p = self.p
        if self.peek() != "?":
            g = self.ngroups
            self.ngroups += 1
            self.open.append(g)
            body = self.alt()
            self.close(start)
            self.open.remove(g)
            return ("grp", g, body)
        self.i += 1
        if self.i >= len(p):
            raise self.err("unexpected end of pattern", self.i)
        c = p[self.i]
        self.i += 1
        if c == ":":
            body = self.alt()
            self.close(start)
            return ("seq", body)
        if c == "P":
            if self.i >= len(p):
                raise self.err("unexpected end of pattern", self.i)
            k = p[self.i]
            self.i += 1
            if k == "<":
                nm, pos = self.name(">", "group")
                if nm in self.names:
                    raise self.err("redefinition of group name %r as group %d; was group %d"
                                   % (nm, self.ngroups, self.names[nm]), pos)
                g = self.ngroups
                self.names[nm] = g
                self.ngroups += 1
                self.open.append(g)
                body = self.alt()
                self.close(start)
                self.open.remove(g)
                return ("grp", g, body)
            if k == "=":
                nm, pos = self.name(")", "group")
                if nm not in self.names:
                    raise self.err("unknown group name %r" % nm, pos)
                g = self.names[nm]
                if g in self.open:
                    raise self.err("cannot refer to an open group", pos)
                return ("ref", g)
            raise self.err("unknown extension ?P" + k, start + 1)
        if c == "#":
            j = p.find(")", self.i)
            if j < 0:
                raise self.err("missing ), unterminated comment", start)
            self.i = j + 1
            return None
        if c in "=!":
            body = self.alt()
            self.close(start)
            return ("look", False, c == "!", body, 0)
        if c == "<":
            if self.i >= len(p):
                raise self.err("unexpected end of pattern", self.i)
            k = p[self.i]
            if k not in "=!":
                raise self.err("unknown extension ?<" + k, start + 1)
            self.i += 1
            body = self.alt()
            self.close(start)
            lo, hi = _width(body)
            if lo != hi:
                raise error("look-behind requires fixed-width pattern")
            return ("look", True, k == "!", body, lo)
        if c == "(":
            j = p.find(")", self.i)
            if j < 0:
                raise self.err("missing ), unterminated name", self.i)
            nm = p[self.i:j]
            if nm.isdigit():
                g = int(nm)
                if g == 0:
                    raise self.err("bad group number", self.i)
                if g not in self.condrefs:
                    self.condrefs[g] = self.i
            elif nm in self.names:
                g = self.names[nm]
            elif nm.isidentifier():
                raise self.err("unknown group name %r" % nm, self.i)
            else:
                raise self.err("bad character in group name %r" % nm, self.i)
            self.i = j + 1
            yes = self.seq()
            no = []
            if self.peek() == "|":
                self.i += 1
                no = self.seq()
                if self.peek() == "|":
                    raise self.err("conditional backref with more than two branches", self.i)
            self.close(start)
            return ("cond", g, yes, no)
        if c == ">":
            raise NotImplementedError("concsim does not support atomic groups yet")
        if c in _INLINE or c == "-":
            self.i -= 1
            return self.flagset(start)
        raise self.err("unknown extension ?" + c, start + 1)


def _width(seq):
    lo = hi = 0
    for n in seq:
        k = n[0]
        if k in ("lit", "pred", "any"):
            a = b = 1
        elif k == "grp":
            a, b = _width(n[2])
        elif k == "rep":
            a, b = _width(n[4])
            a *= n[1]
            b = b * n[2] if n[2] < _MAXREPEAT else _MAXREPEAT
        elif k == "alt":
            ws = [_width(x) for x in n[1]]
            a = min(w[0] for w in ws)
            b = max(w[1] for w in ws)
        elif k == "cond":
            w1 = _width(n[2])
            w2 = _width(n[3])
            a = min(w1[0], w2[0])
            b = max(w1[1], w2[1])
        elif k == "ref":
            a, b = 0, _MAXREPEAT
        else:
            a = b = 0
        lo += a
        hi = min(hi + b, _MAXREPEAT)
    return lo, hi


# ---- compiler: nodes to closures ------------------------------------------------------


def _nop():
    pass


def _build(code, ngroups, ic, ascii):
    # One engine: state St = [string, end, lastindex, matchend, start, must_advance,
    # fullmatch] and marks Mk (2 per group), shared by the closures built here.
    St = [None, 0, -1, 0, 0, False, False]
    Mk = [-1] * (2 * ngroups)
    isw = _aword if ascii else _uword

    def done(i):
        if St[6] and i != St[1]:
            return False
        if St[5] and i == St[4]:
            return False
        St[3] = i
        return True

    def yes(i):
        return True

    def cseq(seq, nxt):
        # Merge runs of literals into strings, then chain from the end.
        nodes = []
        for n in seq:
            if n[0] == "lit" and nodes and nodes[-1][0] in ("lit", "str"):
                nodes[-1] = ("str", nodes[-1][1] + n[1])
            else:
                nodes.append(n)
        f = nxt
        k = len(nodes)
        while k > 0:
            k -= 1
            n = nodes[k]
            if n[0] == "rep" and k + 1 < len(nodes) and nodes[k + 1][0] in ("lit", "str"):
                f = crep(n, f, nodes[k + 1][1][0])
            else:
                f = cnode(n, f)
        return f

    def single(n):
        # The predicate of a one-character node, or None.
        k = n[0]
        if k == "lit":
            ch = n[1]
            return lambda c: c == ch
        if k == "pred":
            return n[1]
        if k == "any":
            if n[1]:
                return lambda c: True
            return lambda c: c != "\n"
        return None

    def cnode(n, nxt):
        k = n[0]
        if k == "lit":
            ch = n[1]

            def f(i):
                if i < St[1] and St[0][i] == ch:
                    return nxt(i + 1)
                return False
            return f
        if k == "str":
            lit = n[1]
            ln = len(lit)

            def f(i):
                if i + ln > St[1]:
                    return False
                s = St[0]
                j = i
                for c in lit:
                    if s[j] != c:
                        return False
                    j += 1
                return nxt(j)
            return f
        if k == "pred" or k == "any":
            pr = single(n)

            def f(i):
                if i < St[1] and pr(St[0][i]):
                    return nxt(i + 1)
                return False
            return f
        if k == "at":
            return cat(n[1], nxt)
        if k == "grp":
            g2 = 2 * n[1]
            grp = n[1]

            def close(j):
                old = Mk[g2 + 1]
                ol = St[2]
                Mk[g2 + 1] = j
                St[2] = grp
                if nxt(j):
                    return True
                Mk[g2 + 1] = old
                St[2] = ol
                return False
            body = cseq(n[2], close)

            def f(i):
                old = Mk[g2]
                Mk[g2] = i
                if body(i):
                    return True
                Mk[g2] = old
                return False
            return f
        if k == "rep":
            return crep(n, nxt, None)
        if k == "alt":
            bs = [cseq(b, nxt) for b in n[1]]

            def f(i):
                for b in bs:
                    if b(i):
                        return True
                return False
            return f
        if k == "ref":
            g2 = 2 * n[1]

            def f(i):
                a = Mk[g2]
                b = Mk[g2 + 1]
                if a < 0 or b < a:
                    return False
                s = St[0]
                j = i + b - a
                if j > St[1]:
                    return False
                if ic:
                    if "".join(s[a:b]).lower() != "".join(s[i:j]).lower():
                        return False
                elif s[a:b] != s[i:j]:
                    return False
                return nxt(j)
            return f
        if k == "look":
            body = cseq(n[3], yes)
            w = n[4]
            neg = n[2]
            if "'grp'" in repr(n[3]):
                # Marks set inside a lookaround are undone when what follows fails.
                inner = body

                def body(i):
                    snap = Mk[:]
                    li = St[2]
                    r = inner(i)
                    if r:
                        saved.append((snap, li))
                    return r

                def undo():
                    snap, li = saved.pop()
                    for k2 in range(len(Mk)):
                        Mk[k2] = snap[k2]
                    St[2] = li

                def keep():
                    saved.pop()
                saved = []
            else:
                undo = keep = _nop
            if n[1]:
                def f(i):
                    j = i - w
                    if j >= 0:
                        e = St[1]
                        St[1] = i
                        r = body(j)
                        St[1] = e
                    else:
                        r = False
                    if r:
                        if neg:
                            undo()
                            return False
                        if nxt(i):
                            keep()
                            return True
                        undo()
                        return False
                    return neg and nxt(i)
                return f

            def f(i):
                if body(i):
                    if neg:
                        undo()
                        return False
                    if nxt(i):
                        keep()
                        return True
                    undo()
                    return False
                return neg and nxt(i)
            return f
        if k == "cond":
            g2 = 2 * n[1]
            y = cseq(n[2], nxt)
            no = cseq(n[3], nxt)

            def f(i):
                if Mk[g2] >= 0 and Mk[g2 + 1] >= Mk[g2]:
                    return y(i)
                return no(i)
            return f
        raise AssertionError(k)

    def cat(kind, nxt):
        if kind == "beg" or kind == "A":
            return lambda i: i == 0 and nxt(i)
        if kind == "bol":
            return lambda i: (i == 0 or St[0][i - 1] == "\n") and nxt(i)
        if kind == "Z":
            return lambda i: i == St[1] and nxt(i)
        if kind == "end":
            return lambda i: (i == St[1] or (i == St[1] - 1 and St[0][i] == "\n")) and nxt(i)
        if kind == "eol":
            return lambda i: (i == St[1] or St[0][i] == "\n") and nxt(i)

        def bound(i):
            s = St[0]
            a = i > 0 and isw(s[i - 1])
            b = i < St[1] and isw(s[i])
            return a != b
        if kind == "b":
            return lambda i: bound(i) and nxt(i)
        # \B never matches in an empty string (CPython's rule).
        return lambda i: St[1] > 0 and (not bound(i)) and nxt(i)

    def cfixed(preds, mn, mx, greedy, nxt):
        # A repeat of a run of one-character atoms matches each iteration in one way:
        # loop over the iterations instead of recursing into each.
        w = len(preds)

        def one(s, j):
            for p in preds:
                if not p(s[j]):
                    return False
                j += 1
            return True

        def f(i):
            s = St[0]
            e = St[1]
            j = i
            c = 0
            if greedy:
                while c < mx and j + w <= e and one(s, j):
                    j += w
                    c += 1
                if c < mn:
                    return False
                while True:
                    if nxt(j):
                        return True
                    if c == mn:
                        return False
                    c -= 1
                    j -= w
            while c < mn:
                if j + w > e or not one(s, j):
                    return False
                j += w
                c += 1
            while True:
                if nxt(j):
                    return True
                if c >= mx or j + w > e or not one(s, j):
                    return False
                j += w
                c += 1
        return f

    def crep(n, nxt, follow):
        # follow: the literal character that must come after the repeat, or None.
        mn = n[1]
        mx = n[2]
        greedy = n[3]
        sub = n[4]
        pr = single(sub[0]) if len(sub) == 1 else None
        if pr is not None:
            if greedy:
                def f(i):
                    s = St[0]
                    e = St[1]
                    lim = e if e - i < mx else i + mx
                    j = i
                    while j < lim and pr(s[j]):
                        j += 1
                    lo = i + mn
                    if follow is not None:
                        while j >= lo:
                            if j < e and s[j] == follow and nxt(j):
                                return True
                            j -= 1
                        return False
                    while j >= lo:
                        if nxt(j):
                            return True
                        j -= 1
                    return False
                return f

            def f(i):
                s = St[0]
                e = St[1]
                lim = e if e - i < mx else i + mx
                j = i
                lo = i + mn
                if lo > lim:
                    return False
                while j < lo:
                    if not pr(s[j]):
                        return False
                    j += 1
                while True:
                    if nxt(j):
                        return True
                    if j < lim and pr(s[j]):
                        j += 1
                    else:
                        return False
            return f
        preds = [single(x) for x in sub]
        if len(preds) > 1 and None not in preds:
            return cfixed(preds, mn, mx, greedy, nxt)
        gen = grep_(mn, mx, greedy, gseq(sub))

        def f(i):
            for e in gen(i):
                if nxt(e):
                    return True
            return False
        return f

    # The generator form, for the bodies of repeats of larger subpatterns: gseq(seq)(i)
    # yields the ends of seq's matches from i in backtracking order, with the marks set
    # while suspended at a yield. A repeat then keeps a stack of its iterations'
    # generators instead of recursing once per iteration.

    def cap(j):
        box[0] = j
        return True
    box = [0]

    def gseq(seq):
        nodes = []
        for n in seq:
            if n[0] == "lit" and nodes and nodes[-1][0] in ("lit", "str"):
                nodes[-1] = ("str", nodes[-1][1] + n[1])
            else:
                nodes.append(n)
        parts = [gnode(n) for n in nodes]
        cnt = len(parts)

        def chain(k, i):
            # Deterministic parts advance in a loop; a generator part branches.
            while k < cnt:
                det, fn = parts[k]
                if not det:
                    for e in fn(i):
                        yield from chain(k + 1, e)
                    return
                i = fn(i)
                if i < 0:
                    return
                k += 1
            yield i
        return lambda i: chain(0, i)

    def gnode(n):
        # (True, fn(i) -> end or -1) for a node matching one way, else (False, generator).
        k = n[0]
        if k == "look" and "'grp'" in repr(n[3]):
            f = cnode(n, cap)

            def g(i):
                # Marks set inside are undone when the generator is resumed.
                snap = Mk[:]
                li = St[2]
                if f(i):
                    yield box[0]
                for k2 in range(len(Mk)):
                    Mk[k2] = snap[k2]
                St[2] = li
            return False, g
        if k in ("lit", "str", "pred", "any", "at", "look", "ref"):
            f = cnode(n, cap)
            return True, lambda i: box[0] if f(i) else -1
        if k == "grp":
            body = gseq(n[2])
            g2 = 2 * n[1]
            grp = n[1]

            def g(i):
                for e in body(i):
                    o1 = Mk[g2]
                    o2 = Mk[g2 + 1]
                    ol = St[2]
                    Mk[g2] = i
                    Mk[g2 + 1] = e
                    St[2] = grp
                    yield e
                    Mk[g2] = o1
                    Mk[g2 + 1] = o2
                    St[2] = ol
            return False, g
        if k == "alt":
            bs = [gseq(b) for b in n[1]]

            def g(i):
                for b in bs:
                    yield from b(i)
            return False, g
        if k == "cond":
            g2 = 2 * n[1]
            y = gseq(n[2])
            no = gseq(n[3])

            def g(i):
                if Mk[g2] >= 0 and Mk[g2 + 1] >= Mk[g2]:
                    return y(i)
                return no(i)
            return False, g
        mn = n[1]
        mx = n[2]
        sub = n[4]
        if len(sub) == 1 and single(sub[0]) is not None or None not in [single(x) for x in sub]:
            ends = []

            def collect(j):
                ends.append(j)
                return False

            f2 = crep(n, collect, None)

            def g(i):
                del ends[:]
                f2(i)
                yield from list(ends)
            return False, g
        return False, grep_(mn, mx, n[3], gseq(sub))

    def grep_(mn, mx, greedy, body):
        # The ends of a repeat of body, in sre's order (greedy: more iterations first;
        # lazy: fewer). An optional iteration may not start where the previous one did.
        def g(i):
            stack = []
            c = 0
            pos = i
            guard = -1
            while True:
                can = c < mn or (c < mx and pos != guard)
                if c >= mn and not (greedy and can):
                    yield pos
                if can:
                    stack.append((body(pos), c, pos, guard))
                while stack:
                    it, c0, p0, g0 = stack[-1]
                    e = next(it, -1)
                    if e >= 0:
                        c = c0 + 1
                        pos = e
                        guard = p0 if c0 >= mn else g0
                        break
                    stack.pop()
                    if greedy and c0 >= mn:
                        yield p0
                else:
                    return
        return g

    entry = cseq(code, done)
    return St, Mk, entry


# ---- Pattern and Match ----------------------------------------------------------------

# The subject as a list of characters: concsim indexes a str in O(len), a list in O(1).
# The last one is kept, so finditer/findall/sub convert their string once.
_lastchars = [(None, None)]


def _chars(text):
    last = _lastchars[0]
    if last[0] is text:
        return last[1]
    c = list(text)
    _lastchars[0] = (text, c)
    return c



def _text(s):
    if isinstance(s, str):
        return s
    if isinstance(s, bytes):
        return s.decode("latin-1")
    raise TypeError("expected string or bytes-like object, got %r" % type(s).__name__)


class Pattern:
    def __init__(self, pattern, flags):
        isstr = isinstance(pattern, str)
        if not isstr and not isinstance(pattern, bytes):
            raise TypeError("first argument must be string or compiled pattern")
        if isstr:
            if flags & 4:
                raise ValueError("cannot use LOCALE flag with a str pattern")
            if flags & 256 and flags & 32:
                raise ValueError("ASCII and UNICODE flags are incompatible")
        elif flags & 32:
            raise ValueError("cannot use UNICODE flag with a bytes pattern")
        p = _Parser(_text(pattern), pattern, flags)
        code = p.parse()
        flags = p.flags
        if isstr and not flags & 256:
            flags |= 32
        if flags & 4:
            raise NotImplementedError("concsim does not support re.LOCALE yet")
        self.pattern = pattern
        self.flags = flags
        self.groups = p.ngroups - 1
        self.groupindex = dict(p.names)
        self._code = code
        self._isstr = isstr
        self._ic = bool(flags & 2)
        self._ascii = bool(flags & 256) or not isstr
        self._pool = []
        self._looks = "'look'" in repr(code)
        # Search accelerators: a literal prefix, a first-character predicate, an anchor.
        self._prefix = ""
        self._first = None
        self._anchored = False
        if code:
            n = code[0]
            if n[0] == "at" and n[1] in ("beg", "A"):
                self._anchored = True
            elif n[0] == "lit":
                pre = ""
                for n2 in code:
                    if n2[0] != "lit":
                        break
                    pre += n2[1]
                self._prefix = pre
            elif n[0] == "pred":
                self._first = n[1]
            elif n[0] == "rep" and n[1] > 0 and len(n[4]) == 1 and n[4][0][0] in ("pred", "lit"):
                m = n[4][0]
                if m[0] == "pred":
                    self._first = m[1]
                else:
                    ch = m[1]
                    self._first = lambda c: c == ch

    def __repr__(self):
        fl = self.flags
        if self._isstr:
            fl &= ~32
        if fl:
            return "re.compile(%r, %s)" % (self.pattern, _flagnames(fl, [f for f, _ in _FLAGNAMES]))
        return "re.compile(%r)" % (self.pattern,)

    def __eq__(self, other):
        return isinstance(other, Pattern) and self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _check(self, string):
        if self._isstr:
            if not isinstance(string, str):
                if isinstance(string, bytes):
                    raise TypeError("cannot use a string pattern on a bytes-like object")
                raise TypeError("expected string or bytes-like object, got %r" % type(string).__name__)
            return string
        if isinstance(string, str):
            raise TypeError("cannot use a bytes pattern on a string-like object")
        return _text(string)

    def _prep(self, string, pos, endpos):
        text = self._check(string)
        chars = _chars(text)
        n = len(chars)
        if pos < 0:
            pos = 0
        elif pos > n:
            pos = n
        if endpos is None or endpos > n:
            endpos = n
        elif endpos < 0:
            endpos = 0
        return text, chars, pos, endpos

    def _engine(self):
        try:
            return self._pool.pop()
        except IndexError:
            return _build(self._code, self.groups + 1, self._ic, self._ascii)

    def _find(self, eng, text, chars, pos, endpos, mode, must):
        # The start of the first match from pos (mode 0 search, 1 match, 2 fullmatch), or
        # -1; on success the engine's marks hold the groups and Mk[0:2] the match.
        St, Mk, entry = eng
        St[0] = chars
        St[1] = endpos
        St[4] = pos
        St[5] = must
        St[6] = mode == 2
        St[2] = -1
        for k in range(len(Mk)):
            Mk[k] = -1
        # Failed paths restore the marks; a lookahead may leave some behind.
        reset = self._looks
        found = -1
        if mode or self._anchored:
            if entry(pos):
                found = pos
        elif self._prefix:
            pre = self._prefix
            i = text.find(pre, pos, endpos)
            while i >= 0:
                if reset:
                    self._reset(St, Mk)
                if entry(i):
                    found = i
                    break
                i = text.find(pre, i + 1, endpos)
        elif self._first is not None:
            fp = self._first
            i = pos
            while i < endpos:
                if fp(chars[i]):
                    if reset:
                        self._reset(St, Mk)
                    if entry(i):
                        found = i
                        break
                i += 1
        else:
            i = pos
            while i <= endpos:
                if reset:
                    self._reset(St, Mk)
                if entry(i):
                    found = i
                    break
                i += 1
        if found >= 0:
            Mk[0] = found
            Mk[1] = St[3]
        return found

    def _run(self, string, pos, endpos, mode, must):
        # mode 0 search, 1 match, 2 fullmatch. Returns a Match or None.
        text, chars, pos, endpos = self._prep(string, pos, endpos)
        if endpos < pos:
            return None
        eng = self._engine()
        try:
            if self._find(eng, text, chars, pos, endpos, mode, must) < 0:
                return None
            return Match(self, string, pos, endpos, list(eng[1]), eng[0][2], chars if self._isstr else None)
        finally:
            eng[0][0] = None
            self._pool.append(eng)

    def _scan(self, string, pos, endpos):
        # The successive matches of finditer/findall/sub/split, holding one engine:
        # yields (marks, lastindex, chars, pos, endpos); marks are valid until resumed.
        text, chars, pos, endpos = self._prep(string, pos, endpos)
        start = pos
        eng = self._engine()
        Mk = eng[1]
        try:
            must = False
            while pos <= endpos:
                if self._find(eng, text, chars, pos, endpos, 0, must) < 0:
                    return
                a = Mk[0]
                b = Mk[1]
                yield Mk, eng[0][2], chars, start, endpos
                must = a == b
                pos = b
        finally:
            eng[0][0] = None
            self._pool.append(eng)

    def _reset(self, St, Mk):
        # Marks are restored on every failed path; this also clears what a
        # successful lookahead left behind.
        St[2] = -1
        for k in range(len(Mk)):
            Mk[k] = -1

    def match(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 1, False)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 2, False)

    def search(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 0, False)

    def finditer(self, string, pos=0, endpos=None):
        ch = self._isstr
        for mk, li, chars, p, e in self._scan(string, pos, endpos):
            yield Match(self, string, p, e, list(mk), li, chars if ch else None)

    def findall(self, string, pos=0, endpos=None):
        out = []
        g = self.groups
        isstr = self._isstr
        for mk, li, chars, p, e in self._scan(string, pos, endpos):
            if g == 0:
                out.append("".join(chars[mk[0]:mk[1]]) if isstr else string[mk[0]:mk[1]])
                continue
            t = []
            for k in range(2, 2 * g + 2, 2):
                a = mk[k]
                b = mk[k + 1]
                if a < 0 or b < a:
                    t.append("" if isstr else b"")
                else:
                    t.append("".join(chars[a:b]) if isstr else string[a:b])
            out.append(t[0] if g == 1 else tuple(t))
        return out

    def split(self, string, maxsplit=0):
        if maxsplit < 0:
            return [string]
        out = []
        last = 0
        n = 0
        m = None
        for m in self.finditer(string):
            if maxsplit > 0 and n >= maxsplit:
                break
            a, b = m.span()
            out.append(m._sl(last, a))
            out.extend(m.groups())
            last = b
            n += 1
        out.append(string[last:] if last else string)
        return out

    def subn(self, repl, string, count=0):
        lit = None
        if callable(repl):
            fn = repl
        else:
            tpl = _template(self, repl)
            if len(tpl) == 1 and not isinstance(tpl[0], int):
                lit = tpl[0]
            else:
                fn = lambda m: _expand(m, tpl)
        isstr = self._isstr
        if count < 0:
            return string, 0
        out = []
        last = 0
        n = 0
        chars = None
        for mk, li, chars, p, e in self._scan(string, 0, None):
            if count > 0 and n >= count:
                break
            a = mk[0]
            b = mk[1]
            out.append("".join(chars[last:a]) if isstr else string[last:a])
            if lit is not None:
                out.append(lit)
            else:
                r = fn(Match(self, string, p, e, list(mk), li, chars if isstr else None))
                if r is not None:
                    out.append(r)
            last = b
            n += 1
        if not n:
            return string, 0
        out.append("".join(chars[last:]) if isstr else string[last:])
        return ("" if isstr else b"").join(out), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _template(pat, repl):
    # The pieces of a replacement template: strings and group numbers.
    key = (pat, repl)
    t = _tcache.get(key)
    if t is not None:
        return t
    isbytes = not isinstance(repl, str)
    if isbytes != (not pat._isstr):
        if isbytes:
            raise TypeError("expected str instance, %s found" % type(repl).__name__)
        raise TypeError("expected a bytes-like object, %s found" % type(repl).__name__)
    s = _text(repl)
    pieces = []
    lit = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c != "\\":
            lit.append(c)
            i += 1
            continue
        start = i
        i += 1
        if i >= n:
            raise error("bad escape (end of pattern)", repl, start)
        c = s[i]
        i += 1
        g = None
        if c == "g":
            if i >= n or s[i] != "<":
                raise error("missing <", repl, i)
            j = s.find(">", i + 1)
            if j < 0:
                if i + 1 >= n:
                    raise error("missing group name", repl, i + 1)
                raise error("missing >, unterminated name", repl, i + 1)
            nm = s[i + 1:j]
            if not nm:
                raise error("missing group name", repl, i + 1)
            if nm.isdigit() and nm.isascii():
                g = int(nm)
                if g > pat.groups:
                    raise error("invalid group reference %d" % g, repl, i + 1)
            elif nm.isidentifier():
                if nm not in pat.groupindex:
                    raise IndexError("unknown group name %r" % nm)
                g = pat.groupindex[nm]
            else:
                raise error("bad character in group name %r" % nm, repl, i + 1)
            i = j + 1
        elif c == "0":
            j = i
            while j < n and j < i + 2 and s[j] in "01234567":
                j += 1
            lit.append(chr(int(s[i - 1:j], 8)))
            i = j
        elif c in "123456789":
            j = i
            if j < n and s[j].isdigit():
                if c in "01234567" and s[j] in "01234567" and j + 1 < n and s[j + 1] in "01234567":
                    v = int(s[i - 1:j + 2], 8)
                    if v > 0o377:
                        raise error("octal escape value \\%s outside of range 0-0o377" % s[i - 1:j + 2], repl, start)
                    lit.append(chr(v))
                    i = j + 2
                    continue
                j += 1
            g = int(s[i - 1:j])
            if g > pat.groups:
                raise error("invalid group reference %d" % g, repl, start + 1)
            i = j
        elif c in _SPECIAL_ESC:
            lit.append(_SPECIAL_ESC[c])
        elif c == "b":
            lit.append("\b")
        elif c.isalpha() and c < "\x80":
            raise error("bad escape \\" + c, repl, start)
        else:
            lit.append("\\" + c)
        if g is not None:
            if lit:
                pieces.append("".join(lit))
                lit = []
            pieces.append(g)
    if lit or not pieces:
        pieces.append("".join(lit))
    if isbytes:
        pieces = [p if isinstance(p, int) else p.encode("latin-1") for p in pieces]
    if len(_tcache) > 512:
        _tcache.clear()
    _tcache[key] = pieces
    return pieces


_tcache = {}


def _expand(m, tpl):
    out = []
    for p in tpl:
        if isinstance(p, int):
            v = m.group(p)
            if v is not None:
                out.append(v)
        else:
            out.append(p)
    return m.string[:0].join(out)


class Match:
    def __init__(self, pattern, string, pos, endpos, marks, lastindex, chars):
        self._chars = chars
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._marks = marks
        self.lastindex = lastindex if lastindex > 0 else None

    @property
    def lastgroup(self):
        for nm, g in self.re.groupindex.items():
            if g == self.lastindex:
                return nm
        return None

    def _index(self, g):
        if isinstance(g, int):
            if 0 <= g <= self.re.groups:
                return int(g)
        elif isinstance(g, (str, bytes)) and g in self.re.groupindex:
            return self.re.groupindex[g]
        raise IndexError("no such group")

    def _get(self, g, default=None):
        k = self._index(g)
        a = self._marks[2 * k]
        b = self._marks[2 * k + 1]
        if a < 0 or b < a:
            return default
        return self._sl(a, b)

    def _sl(self, a, b):
        if self._chars is not None:
            return "".join(self._chars[a:b])
        return self.string[a:b]

    def group(self, *args):
        if not args:
            return self._get(0)
        if len(args) == 1:
            return self._get(args[0])
        return tuple(self._get(g) for g in args)

    def __getitem__(self, g):
        return self._get(g)

    def groups(self, default=None):
        return tuple(self._get(g, default) for g in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {nm: self._get(g, default) for nm, g in self.re.groupindex.items()}

    def span(self, group=0):
        k = self._index(group)
        a = self._marks[2 * k]
        b = self._marks[2 * k + 1]
        if a < 0 or b < a:
            return (-1, -1)
        return (a, b)

    def start(self, group=0):
        return self.span(group)[0]

    def end(self, group=0):
        return self.span(group)[1]

    @property
    def regs(self):
        return tuple(self.span(g) for g in range(self.re.groups + 1))

    def expand(self, template):
        return _expand(self, _template(self.re, template))

    def __bool__(self):
        return True

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group())

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


# ---- module functions -----------------------------------------------------------------

_cache = {}


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = flags._value_
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= 512:
            _cache.clear()
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def purge():
    _cache.clear()
    _tcache.clear()


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


_ESCAPED = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def escape(pattern):
    if isinstance(pattern, str):
        return "".join("\\" + c if c in _ESCAPED else c for c in pattern)
    s = pattern.decode("latin-1")
    return "".join("\\" + c if c in _ESCAPED else c for c in s).encode("latin-1")
