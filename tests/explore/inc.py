import threading

# Two threads `x = x + 1` each: the lost update makes it print 1, else 2.

x = 0

def inc():
    global x
    x = x + 1

t1 = threading.Thread(target=inc)
t2 = threading.Thread(target=inc)
t1.start()
t2.start()
t1.join()
t2.join()
print(x)
