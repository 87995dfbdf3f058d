import threading, multiprocessing, time

# The same CPU-bound work done twice at once: first by 2 threads of one process, then by
# 2 processes. Each prints how long it took, in seconds of (virtual) wall-clock time.

def count(n):
    total = 0
    for i in range(n):
        total = total + i
    return total

N = 300000

def timed(label, workers):
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print('%-12s %4.2f s' % (label, time.time() - start))

if __name__ == '__main__':
    start = time.time()
    count(N)
    print('%-12s %4.2f s' % ('1 call:', time.time() - start))
    timed('2 threads:', [threading.Thread(target=count, args=(N,)) for _ in range(2)])
    timed('2 processes:', [multiprocessing.Process(target=count, args=(N,)) for _ in range(2)])
