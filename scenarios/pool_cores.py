from multiprocessing import Pool
import os, time

# Pool(4) on a machine with 2 cores: do only 2 of the 4 tasks run at once?
# Each task reports when it started and ended; the parent prints those times in seconds
# since it handed the tasks to the pool.

def sleepy(name):
    start = time.time()
    time.sleep(0.4)             # waits without using a core
    return name, start, time.time()

def busy(name):
    start = time.time()
    n = 0
    for i in range(400000):     # keeps a core busy the whole time
        n = n + i
    return name, start, time.time()

def report(kind, pool, func):
    t0 = time.time()
    for name, start, end in pool.map(func, range(4)):
        print('%s task %s: runs from %4.2f to %4.2f s' % (kind, name, start - t0, end - t0))
    print('%s tasks: all done after %4.2f s' % (kind, time.time() - t0))

if __name__ == '__main__':
    print('cpu_count() =', os.cpu_count())
    with Pool(4) as p:
        name, start, end = p.apply(busy, (0,))
        print('one busy task alone: %4.2f s' % (end - start))
        report('sleep', p, sleepy)
        report('busy ', p, busy)
