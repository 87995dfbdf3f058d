import struct

print(struct.pack("<i", 1), struct.pack(">i", -2), struct.pack("!H", 513), struct.pack("=q", 5))
print(struct.pack("@bhiq", 1, 2, 3, 4), struct.calcsize("@bhiq"), struct.calcsize("=bhiq"))
print(struct.calcsize("@qb"), struct.calcsize("bq0q"), struct.calcsize("3s2xH"), struct.calcsize("@lLnNP"))
print(struct.pack("<QqIhbB?", 2 ** 64 - 1, -2 ** 63, 4000000000, -300, -1, 255, 7))
print(struct.pack("3s", b"a"), struct.pack("3s", b"abcdef"), struct.pack("5p", b"abcdefgh"), struct.pack("0s", b"abc"))
print(struct.pack("cc", b"x", b"y"), struct.pack("i 2i", 1, 2, 3), struct.pack(b">hh", 1, 2))
print(struct.pack("<d", 0.1), struct.pack(">f", 1.5), struct.pack("<e", 0.333), struct.pack(">e", -65504.0))
print(struct.pack("<e", 1e-7), struct.pack("<e", 6e-8), struct.pack("<e", float("inf")), struct.pack("@f", 1e300))
print(struct.pack("<dfe", 3, 2, 1), struct.pack("<f", 0.1))
packed = struct.pack(">I2sHd?", 0xDEADBEEF, b"ok", 7, 2.5, True)
print(packed, struct.unpack(">I2sHd?", packed))
print(struct.unpack("<e", struct.pack("<e", 0.333)), struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.unpack("<eee", b"\x00\x7c\x00\xfc\x01\x00"), struct.unpack("5p", b"\x09abcd"), struct.unpack("c?", b"z\x02"))
print(struct.unpack("@bq", struct.pack("@bq", -1, 2 ** 40)), struct.unpack_from("<h", b"\x00\x01\x02", 1))
print(struct.unpack_from("<h", b"\x00\x01\x02", -2), list(struct.iter_unpack("<hb", b"\x01\x00\x02\x03\x00\x04")))
s = struct.Struct("<Ii")
print(s.size, s.format, s.pack(1, -1), s.unpack(b"\x01\x00\x00\x00\xff\xff\xff\xff"))
print(s.unpack_from(b"xx" + s.pack(9, 8), 2), [t for t in s.iter_unpack(s.pack(1, 2) + s.pack(3, 4))])
print(struct.Struct(b"=h").format, issubclass(struct.error, Exception))


class Idx:
    def __index__(self):
        return 42


print(struct.pack("<b", Idx()), struct.pack("<I", True))
header = struct.Struct("!HHI")
msg = header.pack(1, 5, 100) + b"hello"
kind, length, seq = header.unpack(msg[:header.size])
print(kind, length, seq, msg[header.size:header.size + length])

tests = [("b", 200), ("B", -1), ("h", 40000), ("H", -1), ("i", 2 ** 31), ("I", -1), ("l", 2 ** 63),
         ("L", -1), ("q", 2 ** 63), ("Q", -1), ("n", 2 ** 63), ("N", -1), ("<b", 200), ("<i", 2 ** 31),
         ("<I", -1), ("<l", 2 ** 31), ("<L", 2 ** 32), ("I", 2 ** 32), ("<L", -1), ("<l", -2 ** 40), ("<q", 2 ** 63), ("<Q", 2 ** 64), ("i", "x"),
         ("i", 1.5), ("f", "x"), ("d", None), ("e", 1e10), ("<f", 1e300), (">f", -1e39), ("c", b"ab"), ("c", "a"), ("s", "a"),
         ("p", 1), ("x", 1)]
for f, v in tests:
    try:
        struct.pack(f, v)
    except (struct.error, OverflowError) as e:
        print(f, type(e).__name__, e)
for f, a in [("z", ()), ("3", ()), ("<n", ()), ("<P", ()), ("i", ()), ("ii", (1,)), ("i", (1, 2)),
             (5, ()), ("2 i", ())]:
    try:
        struct.pack(f, *a)
    except (struct.error, TypeError) as e:
        print(repr(f), type(e).__name__, e)
for f in [lambda: struct.unpack("ii", b"1234"), lambda: struct.unpack_from("ii", b"1234", 2),
          lambda: struct.unpack_from("ii", b"1234", -9), lambda: struct.iter_unpack("ii", b"123"),
          lambda: struct.iter_unpack("", b"123"), lambda: struct.unpack("i", "abcd"),
          lambda: struct.calcsize("q!")]:
    try:
        f()
    except (struct.error, TypeError) as e:
        print(type(e).__name__, e)
struct.unpack(">HH", b"\x00")
