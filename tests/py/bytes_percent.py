# bytes % args: printf-style formatting of bytes (PEP 461), with CPython's errors.
def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(b"hello %d\n" % 3)
print(b"%s and %b" % (b"ab", b"cd"))
print(b"%5s|%-5s|%.1s" % (b"x", b"y", b"zz"))
print(b"%r %a" % ("\xe9", b"q"))
print(b"%c%c" % (65, b"B"))
print(b"%x %o %05.1f %e %%" % (255, 8, 2.25, 1000.0))
print(b"%(a)s-%(b)d" % {b"a": b"A", b"b": 2})
print(b"\xff%s" % b"\x00")
class B:
    def __bytes__(self):
        return b"custom"
print(b"%s" % B())
attempt(lambda: b"%s" % "text")
attempt(lambda: b"%d %d" % (1,))
attempt(lambda: b"%d" % (1, 2))
attempt(lambda: b"%c" % 256)
attempt(lambda: b"%c" % "x")
attempt(lambda: b"%z" % 1)
attempt(lambda: b"%d" % b"1")
