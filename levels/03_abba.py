import threading

# Two locks taken in opposite orders: the classic ABBA deadlock.
a = threading.Lock()
b = threading.Lock()

def first():
    with a:
        with b:
            pass

def second():
    with b:
        with a:
            pass

t1 = threading.Thread(target=first, name="first")
t2 = threading.Thread(target=second, name="second")
t1.start()
t2.start()
t1.join()
t2.join()
print("done")
