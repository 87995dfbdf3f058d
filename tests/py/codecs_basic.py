import codecs

for name in ("utf-8", "UTF8", "latin-1", "ISO-8859-1", "ascii", "rot13", "hex"):
    print(name, codecs.lookup(name).name)
print(codecs.encode("héllo", "utf-8"), codecs.decode(b"h\xc3\xa9llo", "utf-8"))
print(codecs.encode("héllo", "latin-1"), codecs.decode(b"h\xe9llo", "latin_1"))
print(codecs.encode("Hello, World!", "rot13"), codecs.decode("Uryyb", "rot_13"))
print(codecs.encode(b"\x01\xab", "hex"), codecs.decode(b"01ab", "hex"))
print(codecs.getencoder("ascii")("abc"), codecs.getdecoder("utf-8")(b"xy"))
enc, dec = codecs.lookup("utf-8")[:2]
print(enc("é"), dec(b"\xc3\xa9"))
d = codecs.getincrementaldecoder("utf-8")()
pieces = [b"caf", b"\xc3", b"\xa9 ", b"\xe2\x82", b"\xac!"]
print([d.decode(p) for p in pieces], repr(d.decode(b"", final=True)))
d2 = codecs.getincrementaldecoder("utf-8")()
d2.decode(b"\xc3")
try:
    d2.decode(b"", final=True)
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
print(list(codecs.iterdecode([b"a\xc3", b"\xa9b"], "utf-8")))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE)
for bad in (lambda: codecs.lookup("no-such-codec"), lambda: codecs.encode("é", "ascii"),
            lambda: codecs.decode(b"\xff", "utf-8"), lambda: codecs.encode(5, "utf-8"),
            lambda: codecs.lookup(5)):
    try:
        bad()
    except (LookupError, UnicodeError, TypeError) as e:
        print(type(e).__name__, e)
print(codecs.encode("é", "ascii", "replace"), codecs.decode(b"a\xffb", "utf-8", "replace"))
with codecs.open("codecs_basic.tmp", "w", encoding="utf-8") as f:
    f.write("naïve\n")
with codecs.open("codecs_basic.tmp", "r", encoding="utf-8") as f:
    print(repr(f.read()))
import os
os.remove("codecs_basic.tmp")
