# An exception in Pool.map's function: the worker's traceback as the cause, through pool.py's
# frames as CPython shows them.
import multiprocessing


def work(x):
    if x == 3:
        raise ValueError("bad x %d" % x)
    return x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as p:
        print(p.map(work, range(3)))
    p = multiprocessing.Pool(2)
    p.map(work, range(5))
