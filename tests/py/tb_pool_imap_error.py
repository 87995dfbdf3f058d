# An exception in imap's function, raised by the iterator's next().
from multiprocessing import Pool


def f(x):
    if x == 2:
        raise RuntimeError("two")
    return x


if __name__ == "__main__":
    with Pool(2) as p:
        for r in p.imap(f, range(4)):
            print(r)
