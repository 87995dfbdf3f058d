# A long trace for the checker: 2,500 items through a queue, each printed.
from multiprocessing import Process, Queue


def consume(q, n):
    for _ in range(n):
        print('got', q.get())


if __name__ == '__main__':
    q = Queue()
    c = Process(target=consume, args=(q, 2500))
    c.start()
    for i in range(2500):
        q.put(i)
    c.join()
