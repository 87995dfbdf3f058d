# An exception in apply_async's function, raised by get().
import multiprocessing


def work(x):
    return {}[x]


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        r = pool.apply_async(work, ("k",))
        r.get()
