import multiprocessing as mp
import time


def worker(lock, sem, ev, n):
    ev.wait()
    with lock:
        print('a worker has the lock')
        time.sleep(0.01)
    sem.release()


if __name__ == '__main__':
    lock = mp.Lock()
    sem = mp.Semaphore(0)
    ev = mp.Event()
    print(ev.is_set(), ev.wait(0.05))
    ps = [mp.Process(target=worker, args=(lock, sem, ev, i)) for i in range(3)]
    for p in ps:
        p.start()
    time.sleep(0.1)
    ev.set()
    for i in range(3):
        sem.acquire()
    for p in ps:
        p.join()
    print('all done', ev.is_set(), [p.exitcode for p in ps])
    l = mp.Lock()
    print(l.acquire(), l.acquire(False), l.acquire(timeout=0.01))
    l.release()
    try:
        l.release()
    except ValueError as e:
        print(e)
    r = mp.RLock()
    with r:
        with r:
            print('reentrant')
    b = mp.BoundedSemaphore(1)
    b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print(e)
