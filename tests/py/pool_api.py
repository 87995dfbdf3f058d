from multiprocessing import Pool
import multiprocessing


def square(x):
    return x * x


def add(a, b):
    return a + b


def fail(x):
    raise ValueError('bad %d' % x)


if __name__ == '__main__':
    with Pool(3) as p:
        print(p.map(square, range(10)))
        print(p.starmap(add, [(1, 2), (3, 4)]))
        print(list(p.imap(square, [1, 2, 3])))
        print(sorted(p.imap_unordered(square, [4, 5, 6])))
        print(p.apply(add, (5, 6)))
        r = p.apply_async(square, (7,))
        print(r.get(), r.ready(), r.successful())
        r = p.apply_async(fail, (3,))
        try:
            r.get()
        except ValueError as e:
            print('re-raised:', e)
        print(r.successful())
        m = p.map_async(square, [1, 2], callback=lambda v: print('callback', v))
        m.wait()
        print(m.get())
    p = Pool(2)
    p.close()
    try:
        p.apply_async(square, (1,))
    except ValueError as e:
        print(e)
    p.join()
    q = Pool(1)
    try:
        q.join()
    except ValueError as e:
        print(e)
    q.terminate()
    try:
        Pool(0)
    except ValueError as e:
        print(e)
