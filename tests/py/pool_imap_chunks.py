# Pool.imap with big chunks yields every item of every chunk in order, and imap with
# chunksize=1 over many tasks keeps their order (results taken from the front of a long
# backlog); both in linear time.
import multiprocessing


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        n = 20000
        a = list(pool.imap(square, range(n), chunksize=n // 4))
        print(len(a), a[:3], a[-1], a == [x * x for x in range(n)])
        b = list(pool.imap(square, range(3000)))
        print(len(b), b[2999], b == [x * x for x in range(3000)])
        it = pool.imap(square, range(5), chunksize=2)
        print(next(it), next(it), list(it))
        c = sorted(pool.imap_unordered(square, range(2000), chunksize=7))
        print(c == [x * x for x in range(2000)])
