# bytearray: indexing, slicing, assignment, append/extend/+=, decode, hex, bytes(ba), bytes methods, reprs and CPython's errors.
ba = bytearray(b"hello")
print(ba, len(ba), ba[0], ba[1:3], ba[-1], type(ba).__name__, isinstance(ba, bytearray))
ba[0] = 74
ba.append(33)
ba.extend(b" ok")
ba += b"!"
print(ba, bytes(ba), ba.decode(), ba.hex(), ba == b"Jello! ok!", b"x" + ba, ba + b"y")
ba[1:5] = b"EY"
print(ba, ba.pop(), ba, 74 in ba, b"EY" in ba, list(ba[:3]), ba.upper(), ba.find(b"ok"), ba.split(b" "))
del ba[0]
ba.insert(0, 65)
print(ba, ba.copy(), bytearray(3), bytearray([1, 2, 3]), bytearray("hé", "utf-8"), bytearray(), bytearray.fromhex("ff00"), ba * 2)
for bad in [lambda: ba.__setitem__(0, 256), lambda: ba.__setitem__(0, "a"), lambda: ba[99], lambda: ba.append(-1),
            lambda: bytearray("x"), lambda: bytearray(-1), lambda: hash(ba), lambda: ba + "s", lambda: bytearray(1.5),
            lambda: bytearray().pop(), lambda: ba.remove(200), lambda: ba["x"], lambda: ba.nothing]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
