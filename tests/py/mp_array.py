# multiprocessing.Array: shared between processes, with get_lock(), indexing, slicing, len and
# iteration like CPython's synchronized array; RawArray and lock=False give the bare array.
import multiprocessing as mp


def add(arr, n):
    for i in range(n):
        with arr.get_lock():
            for k in range(len(arr)):
                arr[k] += k + 1


def fill(raw, start):
    raw[start:start + 2] = [start * 10, start * 10 + 1]


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


if __name__ == '__main__':
    a = mp.Array('i', 4)
    ps = [mp.Process(target=add, args=(a, 20)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(a[:], len(a), list(a), a[-1], a[1:3], a[::2], a[3:1])
    for v in a:
        print(v, end=' ')
    print(sum(a), sorted(a, reverse=True), tuple(a))
    raw = mp.RawArray('d', 4)
    ps = [mp.Process(target=fill, args=(raw, s)) for s in (0, 2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(raw[:], raw[1])
    b = mp.Array('i', [1, 2, 3])
    b[0] = 2 ** 40 + 5
    b[1] = True
    b[2] = -1
    print(b[:])
    show(lambda: b[3])
    show(lambda: b[-4])
    show(lambda: b['x'])
    show(lambda: b.__setitem__(1, 1.5))
    show(lambda: b.__setitem__(1, 'x'))
    show(lambda: b.__setitem__(slice(0, 2), [1]))
    show(lambda: mp.Array('z', 2))
    u = mp.Array('B', [255, 256, -1])
    print(u[:])
    d = mp.Array('d', [1, 2.5])
    d[0] = 3
    print(d[:], d[0])
    show(lambda: d.__setitem__(0, 'x'))
    c = mp.Array('c', b'hi\x00!')
    print(c[:], c[0], c.value, c.raw, list(c))
    c[0] = 72
    c[1:2] = b'I'
    print(c.value)
    show(lambda: c.__setitem__(0, b'xy'))
    r = mp.Array('i', 3, lock=False)
    print(r[:], hasattr(r, 'get_lock'), repr(a.get_obj()).startswith('<multiprocessing.sharedctypes.c_int_Array_4 object'))
    lock = mp.Lock()
    print(mp.Array('i', 2, lock=lock).get_lock() is lock)
    show(lambda: mp.Array('i', 2, lock=5))
    print(repr(a).startswith('<SynchronizedArray wrapper for <multiprocessing.sharedctypes.c_int_Array_4 object at '))
    print(repr(r).startswith('<multiprocessing.sharedctypes.c_int_Array_3 object at '))
    print(repr(c).startswith('<SynchronizedString wrapper for <multiprocessing.sharedctypes.c_char_Array_4 object'))
    print(a.get_lock().__repr__())
    with a.get_lock():
        print(a.get_lock())
