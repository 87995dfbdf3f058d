# multiprocessing.Barrier: parties in several processes wait for each other; wait() returns
# each party's arrival index; the action runs once per round; a timeout breaks the barrier.
import multiprocessing as mp
import threading
import time


def party(b, delay, q):
    time.sleep(delay)
    q.put(('arrived', delay))
    i = b.wait()
    q.put(('passed', i))
    b.wait()


def announce():
    print('barrier action ran')


if __name__ == '__main__':
    b = mp.Barrier(3, action=announce)
    q = mp.Queue()
    ps = [mp.Process(target=party, args=(b, d, q)) for d in (0.1, 0.2)]
    for p in ps:
        p.start()
    print('main waits; n_waiting later:', end=' ')
    time.sleep(0.3)
    print(b.n_waiting)
    print('main index', b.wait())
    events = sorted(q.get() for i in range(4))
    print(events)
    b.wait()
    for p in ps:
        p.join()
    print(b.parties, b.n_waiting, b.broken)
    b2 = mp.Barrier(2)
    try:
        b2.wait(0.05)
    except threading.BrokenBarrierError as e:
        print('broken:', repr(e), b2.broken)
    b2.reset()
    print(b2.broken)
    print(threading.Barrier(0).parties, mp.Barrier(0).parties)
