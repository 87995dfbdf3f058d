import time, threading

# 假定这是你的银行存款 (suppose this is your bank balance):
balance = 0

def change_it(n):
    # 先存后取，结果应该为0 (deposit, then withdraw: the result should be 0):
    global balance
    balance = balance + n
    balance = balance - n

def run_thread(n):
    for i in range(100000):
        change_it(n)

t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print(balance)
