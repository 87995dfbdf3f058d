# multiprocessing.Condition across processes: wait/notify/notify_all/wait_for, with the
# CPython assertions for a condition used without its lock.
import multiprocessing as mp
import time


def waiter(cond, ready, n, out):
    with cond:
        ready.release()
        cond.wait_for(lambda: out.value >= n)
        print('waiter %d saw %d' % (n, out.value))


def one(cond, started, q):
    with cond:
        started.release()
        got = cond.wait()
        q.put(got)


if __name__ == '__main__':
    cond = mp.Condition()
    ready = mp.Semaphore(0)
    value = mp.Value('i', 0)
    ps = [mp.Process(target=waiter, args=(cond, ready, n, value)) for n in (1, 2, 3)]
    for p in ps:
        p.start()
    for i in range(3):
        ready.acquire()
    for i in range(3):
        time.sleep(0.05)
        with cond:
            value.value += 1
            cond.notify_all()
    for p in ps:
        p.join()
    print('exit codes', [p.exitcode for p in ps])

    q = mp.Queue()
    started = mp.Semaphore(0)
    c2 = mp.Condition(mp.Lock())
    ps = [mp.Process(target=one, args=(c2, started, q)) for i in range(2)]
    for p in ps:
        p.start()
    for i in range(2):
        started.acquire()
    time.sleep(0.05)
    with c2:
        c2.notify()
    print('first woken:', q.get())
    time.sleep(0.05)
    print('second still waiting:', q.empty())
    with c2:
        c2.notify()
    print('second woken:', q.get())
    for p in ps:
        p.join()

    # The reprs read the semaphores' values: called explicitly they do; through print() or
    # repr() concsim cannot ask the kernel from inside a builtin and shows "unknown".
    c = mp.Condition()
    print(c.__repr__())
    for f in (c.wait, c.notify):
        try:
            f()
        except AssertionError as e:
            print('AssertionError:', e)
    with c:
        print(c.wait(0.01), c.wait_for(lambda: 'yes', 0.1), c.wait_for(lambda: 0, 0.02))
        c.notify_all()
        print(c.__repr__())
    l = mp.Lock()
    print(l.__repr__())
    l.acquire()
    print(l, mp.Condition(l).__repr__())
    r = mp.RLock()
    with r:
        with r:
            print(r)
    print(r.__repr__(), mp.Semaphore(2).__repr__(), mp.BoundedSemaphore(1).__repr__())
