# RLock: the owning thread may acquire it again
import threading

rlock = threading.RLock()

def countdown(n):
    with rlock:
        if n == 0:
            return 'done'
        return countdown(n - 1)

print(countdown(5))
print(rlock.acquire(), rlock.acquire())
rlock.release()
rlock.release()

log = []
def worker(name):
    with rlock:
        with rlock:
            log.append(name)

ts = [threading.Thread(target=worker, args=(n,)) for n in 'xyz']
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(log))

rlock.acquire()
def try_other():
    print('other thread gets it:', rlock.acquire(blocking=False))
t = threading.Thread(target=try_other)
t.start()
t.join()
rlock.release()
try:
    rlock.release()
except RuntimeError as e:
    print('RuntimeError:', e)
