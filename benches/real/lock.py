# The tutorial's Lock program: two threads change a shared balance 100000 times each,
# every change under threading.Lock, so the balance always ends at 0.
import time, threading

# Assume this is your bank balance:
balance = 0
lock = threading.Lock()


def change_it(n):
    # Deposit first, then withdraw: the result should be 0.
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for i in range(100000):
        # Acquire the lock first:
        lock.acquire()
        try:
            # Now it is safe to change it:
            change_it(n)
        finally:
            # Always release the lock when done:
            lock.release()


t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print(balance)
