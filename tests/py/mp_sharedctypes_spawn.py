# multiprocessing.sharedctypes under the spawn start method: Value, RawValue, Array and a
# Structure array pickled for the child, which writes to the parent's shared memory.
import multiprocessing as mp
from ctypes import Structure, c_double

class Point(Structure):
    _fields_ = [("x", c_double), ("y", c_double)]

def f(v, r, a, pts):
    v.value += 1
    r.value = 2.5
    a[0] = 9
    pts[1].y = 4.0

if __name__ == "__main__":
    mp.set_start_method("spawn")
    v = mp.Value("i", 1)
    r = mp.RawValue("d", 0.0)
    a = mp.Array("i", 3)
    pts = mp.Array(Point, 2)
    p = mp.Process(target=f, args=(v, r, a, pts))
    p.start(); p.join()
    print(v.value, r.value, a[:], [(q.x, q.y) for q in pts], p.exitcode)
