# An exception in Executor.map's function, raised while iterating the results.
from concurrent.futures import ThreadPoolExecutor


def work(x):
    return 10 / x


with ThreadPoolExecutor() as ex:
    for r in ex.map(work, [5, 2, 0]):
        print(r)
