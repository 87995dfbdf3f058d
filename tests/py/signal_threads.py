# Handlers run in the main thread: setting one from another thread is a ValueError; a
# signal sent by a worker interrupts the main thread's Event.wait and join, which go on.
import os, signal, threading, time

def worker():
    try:
        signal.signal(signal.SIGUSR1, lambda s, f: None)
    except ValueError as e:
        print("worker:", e)

t = threading.Thread(target=worker)
t.start()
t.join()

got = []
def h(signum, frame):
    got.append(signum)
    print("handler in", threading.current_thread().name)

signal.signal(signal.SIGUSR1, h)
signal.signal(signal.SIGUSR2, h)

def sender():
    time.sleep(0.1)
    os.kill(os.getpid(), signal.SIGUSR1)
    time.sleep(0.1)
    signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR2)

t = threading.Thread(target=sender)
t.start()
ev = threading.Event()
print("wait returned", ev.wait(0.15))
t.join()
print(got)
lock = threading.Lock()
lock.acquire()
def release_later():
    time.sleep(0.1)
    os.kill(os.getpid(), signal.SIGUSR1)
    time.sleep(0.1)
    lock.release()
threading.Thread(target=release_later).start()
print("acquired", lock.acquire())
print(got)
