# A minimal ctypes (simple types, Structure with _fields_, arrays, sizeof) and
# multiprocessing.sharedctypes over it: a Structure array shared between processes like Value.
import ctypes
from ctypes import Structure, c_int, c_long, c_double, c_float, c_char, c_bool, c_ubyte, sizeof, alignment
import multiprocessing
from multiprocessing import Process, Lock
from multiprocessing.sharedctypes import Value, Array, RawValue, RawArray


class Point(Structure):
    _fields_ = [("x", c_double), ("y", c_double)]


class Rec(Structure):
    _fields_ = [("tag", c_char), ("n", c_int), ("p", Point)]


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


def work(n, x, s, pts, raw, pt, flags):
    with n.get_lock():
        n.value += 10
    x.value **= 2
    s.value = s.value.upper()
    for a in pts:
        a.x *= 2
        a.y = -a.y
    raw[0] = 255 + 2
    pt.y = 9.5
    flags[1] = True


if __name__ == "__main__":
    print(c_int(7), c_double(1 / 3), c_char(b"a"), c_bool(5), c_float(0.1), c_long())
    print(c_int(2 ** 40).value, c_char(65).value, c_ubyte(-1).value, c_float(0.1).value)
    print(sizeof(c_int), sizeof(c_long), sizeof(c_double), sizeof(c_char), sizeof(c_bool), sizeof(c_int(3)))
    print(sizeof(Point), sizeof(Rec), alignment(Rec), ctypes.c_longlong is c_long, ctypes.c_int32 is c_int)
    p = Point(1, 2)
    print(p.x, p.y, Point(y=3).y, Point().x)
    r = Rec(b"z", 3)
    r.p.x = 5.0
    print(r.tag, r.n, r.p.x, r.p.y)
    r.p = Point(7, 8)
    print(r.p.x, r.p.y)
    show(lambda: Point(1, 2, 3))
    show(lambda: c_int("a"))
    show(lambda: setattr(p, "x", "a"))
    show(lambda: c_char(b"ab"))
    show(lambda: sizeof(3))
    IntArray3 = c_int * 3
    a = IntArray3(1, 2, 3)
    print(IntArray3.__name__, list(a), len(a), sizeof(a), a[-1])

    lock = Lock()
    n = Value("i", 7)
    x = Value(c_double, 1.0 / 3.0, lock=False)
    s = Array("c", b"hello world", lock=lock)
    pts = Array(Point, [(1.875, -6.25), (-5.75, 2.0), Point(2.375, 9.5)], lock=lock)
    raw = RawArray(c_ubyte, 2)
    pt = RawValue(Point, 1, 2)
    flags = multiprocessing.Array(c_bool, 3)
    print(n, x, repr(raw).startswith("<multiprocessing.sharedctypes.c_ubyte_Array_2 object"))
    print(len(pts), s.get_lock() is lock, pts.get_lock() is lock, hasattr(x, "get_lock"))
    p = Process(target=work, args=(n, x, s, pts, raw, pt, flags))
    p.start()
    p.join()
    print(n.value, x.value, s.value, s.raw)
    print([(a.x, a.y) for a in pts])
    print(raw[:], pt.x, pt.y, flags[:])
    try:
        s.value = b"x" * 12
    except ValueError as e:
        print("ValueError", e)
    s.value = b"hi"
    print(s.value, s.raw)
    show(lambda: RawArray("z", 2))
    show(lambda: pts.__setitem__(0, 5))
