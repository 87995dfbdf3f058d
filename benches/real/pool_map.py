# Pool(4).map over 1,000 small tasks.
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == '__main__':
    with Pool(4) as p:
        print(sum(p.map(square, range(1000))))
