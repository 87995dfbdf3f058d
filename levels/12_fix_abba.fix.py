import threading

a = threading.Lock()
b = threading.Lock()

def first():
    with a:
        with b:
            pass

def second():
    with a:
        with b:
            pass

t1 = threading.Thread(target=first, name="first")
t2 = threading.Thread(target=second, name="second")
t1.start()
t2.start()
t1.join()
t2.join()
print("done")
