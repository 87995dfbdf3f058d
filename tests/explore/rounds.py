import threading

# 2 threads x 3 rounds: an unlocked x = x + 1 (lost updates) and a locked y += 1 (never lost).
x = 0
y = 0
lock = threading.Lock()

def work():
    global x, y
    for i in range(3):
        x = x + 1
        with lock:
            y += 1

t1 = threading.Thread(target=work)
t2 = threading.Thread(target=work)
t1.start()
t2.start()
t1.join()
t2.join()
print(x, y)
