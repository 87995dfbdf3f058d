# An exception in a ProcessPoolExecutor's function: the worker's traceback as the cause.
from concurrent.futures import ProcessPoolExecutor


def work(x):
    return 10 // x


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(work, [1, 2])))
        f = ex.submit(work, 0)
        f.result()
