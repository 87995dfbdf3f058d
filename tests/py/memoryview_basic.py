# memoryview over bytes and bytearray: len, indexing, slicing (a view), tobytes, tolist, writes through to a bytearray, cast('c'), release, errors.
mv = memoryview(b"abcdef")
print(len(mv), mv[0], mv[1:3].tobytes(), mv.tobytes(), bytes(mv[::2]), mv.tolist()[:2], mv.readonly, mv.nbytes, mv.format, mv == b"abcdef", mv[::-1].tobytes())
buf = bytearray(b"xyz")
m2 = memoryview(buf)
m2[0] = 65
m2[1:3] = b"BC"
print(buf, m2.tobytes(), m2.readonly, m2.obj is buf, m2.cast("c").tolist(), m2[1:].hex())
buf[2] = 0x5A
print(m2.tobytes(), m2[-1])
with memoryview(b"q") as m3:
    print(m3.tobytes())
for bad in [lambda: mv.__setitem__(0, 1), lambda: memoryview("s"), lambda: m3.tobytes(), lambda: mv[10], lambda: m2.__setitem__(slice(0, 2), b"x")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
