# re: flags (I M S X A U), inline global flags and scoped (?flags:...) groups
import re

print(re.I, re.IGNORECASE == re.I, int(re.M), int(re.S), int(re.X), int(re.A), int(re.U), int(re.I))
print(re.compile("a").flags, re.compile("a", re.I).flags, re.compile("(?i)a").flags, re.compile(b"a").flags)
print(re.compile("(?ms)a").flags, re.compile("a", re.A).flags, re.compile("(?a)a").flags, re.compile("(?x)a").flags)
print(re.findall("abc", "ABC abc AbC", re.I), re.findall("(?i)[a-z]+", "Hello WORLD"))
print(re.findall(r"(?i)[^a-z]", "aB1C-"), re.findall("ä", "Ää", re.I), re.findall("é", "É", re.I | re.A))
print(re.findall("^x", "x\nx\nx"), re.findall("^x", "x\nx\nx", re.M), re.findall("x$", "x\nx\nx", re.M))
print(re.findall(".", "a\nb"), re.findall(".", "a\nb", re.S), re.findall("(?s).", "a\n"))
print(re.findall(r"\w+", "naïve café", re.A), re.findall(r"(?a)\w+", "naïve café"), re.findall(r"\w+", "naïve café"))
print(re.findall(r"(?u)\w+", "é"), re.findall(r"\s", "\u2003 \x1c", re.A), re.findall(r"\s", "\u2003 \x1c"))
print(re.match(r"""(?x)
    (\d+)   # number
    \s* - \s*
    (\d+)   # other \# number
""", "12 - 34").groups())
print(re.match(r"a b", "ab", re.X), re.match(r"a\ b", "a b", re.X), re.match(r"a[ ]b", "a b", re.VERBOSE))
print(re.match(r"(?i:a)b", "Ab"), re.match(r"(?i:a)b", "AB"), re.match(r"(?-i:a)b", "aB", re.I), re.match(r"(?-i:a)b", "AB", re.I))
print(re.match(r"(?s:a.)b", "a\nb"), re.match(r"(?m:a$)\nb", "a\nb"), re.match(r"(?x: a b )c", "abc"))
print(re.findall(r"(?i)(\w)\1", "aA bb Cc"), re.search(r"(?i)\bFOO\b", "a foo b"))
print(re.compile(r"(?i)k").match("\u212a"), re.compile("[a-z]", re.I).match("\u212a"))
print(re.findall(r"[A-Z]", "abcXYZ", re.I), re.findall(r"[Z-a]+", "[\\]^_`", re.I))
print(re.compile("a", re.I | re.S | re.M).flags & re.M, re.compile(r"(?imsx)a").flags)
print(re.findall(rb"(?i)AB", b"ab AB \xe0b"), re.findall(rb"\w", b"a\xe9"), re.findall(rb"\s", b" \x1c\x85"))
