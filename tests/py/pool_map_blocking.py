# Pool.map and friends with functions that block (sleep, wait on a queue) inside the worker.
from multiprocessing import Pool
import time


def slow_square(x):
    time.sleep(0.01 * (3 - x % 3))
    return x * x


def slow_add(a, b):
    time.sleep(0.01)
    return a + b


if __name__ == '__main__':
    with Pool(2) as p:
        print(p.map(slow_square, range(6)))
        print(p.map(slow_square, range(5), chunksize=2))
        print(p.starmap(slow_add, [(1, 2), (3, 4), (5, 6)]))
        print(list(p.imap(slow_square, [1, 2, 3])))
        print(sorted(p.imap_unordered(slow_square, [4, 5, 6])))
        print(p.map_async(slow_square, [7, 8]).get())
