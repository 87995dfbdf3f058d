import threading

balance = 0

def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n

t1 = threading.Thread(target=change_it, args=(5,))
t2 = threading.Thread(target=change_it, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print(balance)
