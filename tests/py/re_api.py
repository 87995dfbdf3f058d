# re: Pattern and Match objects, module functions, caching
import re

p = re.compile(r"(?P<word>\w+)(?P<num>\d)?")
print(p, p.pattern, p.flags, p.groups, sorted(p.groupindex.items()))
print(re.compile("a+"), re.compile("a", re.I | re.M), re.compile(b"a"), re.compile(b"a", re.I))
print(re.compile(r"a\nb"), re.compile("x", re.A), re.compile("x", re.S | re.X))
m = p.search("  hello7 there")
print(m)
print(m.group(), m.group(0), m.group(1), m.group("word"), m.group(1, 2), m.group("num", 0))
print(m[0], m[1], m["num"], m.groups(), m.groupdict())
print(m.start(), m.end(), m.span(), m.start(2), m.end("word"), m.span("num"))
print(m.lastindex, m.lastgroup, m.string, m.re is p, m.pos, m.endpos, m.regs)
print(bool(m), m.expand(r"<\g<word>|\2|\g<0>>"))
m = p.search("  hello there")
print(m.groups(), m.groups("-"), m.groupdict("?"), m.span(2), m.start("num"), m.lastindex, m.lastgroup)
for bad in (3, "nope", -1):
    try:
        m.group(bad)
    except IndexError as e:
        print("IndexError", e)
print(p.match("hello"), p.match("  hello"), p.match("  hello", 2), p.match("  hello", 2, 4))
print(p.search("abc def", 3), p.search("abc def", 4, 5), p.search("abc", 5))
print(p.fullmatch("abc1"), p.fullmatch("abc!"), re.fullmatch("a|ab", "ab"), re.fullmatch(r"\d*", "123", ))
print(re.compile(r"\w+").fullmatch("abc def", 4), re.compile("$").search("ab", 0, 1))
print(re.match("a", "ba"), re.search("a", "ba"), re.match(r"^", "x"))
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1b2c"), re.findall(r"(\w)\d", "a1b2c"))
print(re.findall(r"(a)|b", "ab"), re.findall(r"", "ab"), re.findall(r"\b", "ab cd"), re.findall("a*", "baaa"))
print([m.span() for m in re.finditer(r"\w+", "ab cd  ef")])
print([m.group() for m in re.compile(r"\d").finditer("1a2b3", 1, 4)])
print(re.compile(r"\d").findall("1a2b3", 1), re.compile("x*").findall("axx", 1))
it = re.finditer("a", "aa")
print(next(it).span(), next(it).span())
print(re.match(r"(a)|(b)", "b").lastindex, re.match(r"((a)b)", "ab").lastindex, re.match(r"(a)(b)", "ab").lastgroup)
print(re.match(r"(?P<x>a)(?P<y>b)?", "a").lastgroup, re.match("ab", "ab").lastindex)
print(re.compile("a") is re.compile("a"), re.compile("a") == re.compile("a"), re.compile("a") == re.compile("a", re.I))
re.purge()
q = re.compile(r"\d+")
print(re.compile(q) is q, re.search(q, "x12").group())
try:
    re.compile(q, re.I)
except ValueError as e:
    print("ValueError", e)
for args in ((r"a", b"a"), (rb"a", "a")):
    try:
        re.search(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    re.search("a", 5)
except TypeError as e:
    print("TypeError", e)
bm = re.search(rb"(?P<k>\w+)=(\d+)", b"xx key=42")
print(bm, bm.group(1), bm.group("k", 2), bm.groups(), bm.span(), bm.expand(rb"\2:\1"))
print(re.findall(rb"[0-9]", b"a1b2"), re.escape(b"a.b"), re.escape("a.b*c d\n-_#"))
print(re.escape("héllo-wörld[1]"))
print(repr(re.search("b", "abc")), repr(re.match("", "abc")))
print(re.search("é+", "cafééé"), re.match(".", "\n"))
print(re.Pattern, re.Match, type(p) is re.Pattern, isinstance(m, re.Match))
print(re.error.__name__, issubclass(re.error, Exception))
import threading
shared = re.compile(r"(\w+)=(\d+)")
results = []
def work(k):
    text = " ".join("k%d_%d=%d" % (k, i, i * k) for i in range(30))
    results.append((k, sum(int(v) for _, v in shared.findall(text)), shared.sub(r"\2", text)[:20]))
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))
