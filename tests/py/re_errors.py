# re: re.error messages, positions, lineno/colno, and other exceptions as CPython
import re

pats = [r"a{3,2}", r"(a)\2", r"(a\1)", r"\q", "[a", "(a", "a)", "*a", "a**", "[z-a]",
        "(?P<1>a)", "(?P<a>x)(?P<a>y)", "(?P=b)", "a(?i)b", "(?z)", "(?", "(?P", "a{2}{3}",
        "\\", "(?<a)", "(?#abc", "a(?x)b", "(?i", "(?-i)", "(?i-i:a)", "+", "a|*", "(?:",
        "x)", "[]", "[^", r"[\d-z]", r"\xZZ", r"\u12", r"(?P<>a)", r"(?P<a", "(?Px)",
        r"\777", "a\n(b", "ab\n  *c", r"\9", "(?P=a-b)", "a??+" , "^*", r"\b+", "(?(2)a|b)",
        "(?(a)b)", r"\k", r"[\q]", "a{1,2", "(?i:(?x)a)", "((a)", "())", r"\1(a)"]
for p in pats:
    try:
        re.compile(p)
        print(repr(p), "compiled")
    except re.error as e:
        print(repr(p), "->", e, "|", e.msg, e.pos, e.lineno, e.colno, e.pattern == p)
try:
    re.compile(r"(?<=a+)b")
except re.error as e:
    print(e, e.pos, e.pattern)
try:
    re.compile(r"(?<=a|bc)b")
except re.error as e:
    print(e)
for t in [r"\9", r"\g<x>", r"\g<1", r"\g<>", r"\g<a-b>", r"\q", "\\", r"\g<3>", r"\g", r"\g<2>x"]:
    try:
        print(repr(re.sub("(?P<n>a)", t, "a")))
    except re.error as e:
        print(repr(t), "->", e)
    except IndexError as e:
        print(repr(t), "IndexError", e)
for args in [("a", "b", re.L), (b"a", b"b", re.U), ("a", "b", re.A | re.U)]:
    try:
        re.match(args[0], args[1], args[2])
    except ValueError as e:
        print("ValueError", e)
try:
    re.compile(5)
except TypeError as e:
    print("TypeError", e)
try:
    re.match("(a)", "a").group(2)
except IndexError as e:
    print("IndexError", e)
e = re.error("custom")
print(e, e.msg, e.pos, e.pattern, e.lineno)
try:
    re.compile("(a")
except Exception as e:
    print(type(e).__name__, isinstance(e, re.error))
re.compile("a)")
