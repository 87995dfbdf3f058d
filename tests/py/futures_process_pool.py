# ProcessPoolExecutor: forked workers (ForkProcess-N), submit/map with chunksize, the remote
# traceback as __cause__, BrokenProcessPool when a worker dies, initializer, and result()
# re-raising the worker's exception at the end.
import concurrent.futures as cf
import multiprocessing as mp
import os


def square(n):
    return n * n


def name(_):
    return mp.current_process().name


def boom(x):
    raise ValueError("bad %d" % x)


def die(x):
    os._exit(3)


def init(v):
    global START
    START = v


def plus_start(x):
    return START + x


if __name__ == '__main__':
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        fs = [ex.submit(square, i) for i in range(5)]
        print(sorted(f.result() for f in cf.as_completed(fs)))
        print(list(ex.map(square, range(7), chunksize=3)))
        print(set(ex.map(name, range(8))) <= {'ForkProcess-1', 'ForkProcess-2'})
        e = ex.submit(boom, 4).exception()
        print(repr(e), type(e.__cause__))
        print(str(e.__cause__).splitlines()[-2:])
    with cf.ProcessPoolExecutor(max_workers=1, initializer=init, initargs=(100,)) as ex:
        print(list(ex.map(plus_start, [1, 2, 3])))
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        f = ex.submit(die, 1)
        try:
            f.result()
        except cf.process.BrokenProcessPool as e:
            print(type(e).__name__, e)
        try:
            ex.submit(square, 2)
        except Exception as e:
            print(type(e).__name__, e)
    ex = cf.ProcessPoolExecutor(2)
    print(ex.submit(square, 3).result())
    ex.submit(boom, 1).result()
