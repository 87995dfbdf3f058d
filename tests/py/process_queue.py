# multiprocessing.Queue carries values from a child to its parent
from multiprocessing import Process, Queue

def produce(q, n):
    for i in range(n):
        q.put(('item', i, [i] * i))
    q.put(None)

if __name__ == '__main__':
    q = Queue()
    p = Process(target=produce, args=(q, 4))
    p.start()
    while True:
        v = q.get()
        if v is None:
            break
        print('got', v)
    p.join()
    print('producer exit code', p.exitcode)
