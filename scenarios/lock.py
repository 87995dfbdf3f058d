import time, threading

# 假定这是你的银行存款 (suppose this is your bank balance):
balance = 0
lock = threading.Lock()

def change_it(n):
    # 先存后取，结果应该为0 (deposit, then withdraw: the result should be 0):
    global balance
    balance = balance + n
    balance = balance - n

def run_thread(n):
    for i in range(100000):
        # 先要获取锁 (first take the lock):
        lock.acquire()
        try:
            # 放心地改吧 (now it is safe to change it):
            change_it(n)
        finally:
            # 改完了一定要释放锁 (always release the lock when done):
            lock.release()

t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print(balance)
