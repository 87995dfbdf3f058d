import concurrent.futures as cf
import os
import time


def burn(n):
    total = 0
    for i in range(n):
        total += i * i
    return os.getpid()


if __name__ == '__main__':
    for Executor in (cf.ThreadPoolExecutor, cf.ProcessPoolExecutor):
        start = time.perf_counter()
        with Executor(max_workers=2) as ex:
            pids = list(ex.map(burn, [400_000] * 4))
        elapsed = time.perf_counter() - start
        print(f'{Executor.__name__}: {len(set(pids))} process(es), {elapsed:.2f} s')
