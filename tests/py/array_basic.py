from array import array
import array as array_module

a = array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
a.extend(array("i", [7]))
print(a, len(a), a[0], a[-1], a[1:3], a.tolist(), a.itemsize, a.typecode)
a[0] = 10
del a[1]
a.insert(0, -1)
print(a, a.pop(), a.pop(0), a.index(3), a.count(3), 3 in a, list(a))
a.reverse()
print(a, a + array("i", [0]), a * 2, array("i", [1]) == array("i", [1]), array("i", [1]) < array("i", [2]))
b = array("d", [1.5, 2])
print(b, b.tobytes(), array("f", [0.1])[0], array("f", [0.1]).tobytes())
raw = array("h", [1, -2, 300]).tobytes()
print(raw)
c = array("h")
c.frombytes(raw)
print(c, array("h", raw), repr(array("b")))
c.byteswap()
print(c)
u = array("u", "héllo")
print(u, u.tounicode(), u[1])
big = array("Q", [2**64 - 1])
print(big, array("B", b"\x00\xff"))
x = array("l", range(5))
x[1:3] = array("l", [9, 9, 9])
print(x, x[::2])
x += array("l", [1])
x *= 2
print(x, array_module.typecodes)
tests = [lambda: array("b", [128]), lambda: array("B", [-1]), lambda: array("h", [70000]),
         lambda: array("H", [-5]), lambda: array("i", [2**31]), lambda: array("I", [-1]),
         lambda: array("l", [2**63]), lambda: array("q", [2**64]), lambda: array("Q", [-1]),
         lambda: array("i", [1.5]), lambda: array("d", ["x"]), lambda: array("z"),
         lambda: a.index(99), lambda: a.remove(99), lambda: a[99], lambda: array("i").pop(),
         lambda: a.frombytes(b"123"), lambda: a + array("d"), lambda: a.extend(array("d", [1])),
         lambda: array("i", "abc")]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__, e)
