# An exception escaping a multiprocessing.Process's target: the child prints it with
# CPython's frames of multiprocessing/process.py (_bootstrap, run) and exits with 1.
import multiprocessing as mp


def work(items):
    return items[3]


if __name__ == "__main__":
    p = mp.Process(target=work, args=([1, 2],))
    p.start()
    p.join()
    print("exitcode", p.exitcode)
