# 100 x Process start + join.
from multiprocessing import Process


def work(n):
    pass


if __name__ == '__main__':
    for i in range(100):
        p = Process(target=work, args=(i,))
        p.start()
        p.join()
    print('done')
