# a Lock used with `with` keeps a shared counter exact
import threading

counter = 0
lock = threading.Lock()

def add(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1

threads = [threading.Thread(target=add, args=(2000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('counter =', counter)

print(lock.locked())
with lock:
    print('inside with:', lock.locked())
print('after with:', lock.locked())
print(lock.acquire(blocking=False), lock.acquire(blocking=False))
lock.release()
print(lock.acquire(timeout=0.01))
lock.release()

balance = 0
block = threading.Lock()

def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n

def run_thread(n):
    for i in range(10000):
        block.acquire()
        try:
            change_it(n)
        finally:
            block.release()

t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print('balance =', balance)
