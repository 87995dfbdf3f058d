import threading, queue

q = queue.Queue()

def producer():
    for i in (1, 2, 3):
        q.put(i)

def consumer():
    for _ in range(3):
        print(q.get())

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
c.join()
p.join()
