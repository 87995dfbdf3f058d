import threading, queue

q = queue.Queue()
q.put("job")

def worker(name):
    if not q.empty():
        job = q.get()
        print(name, "took", job)

a = threading.Thread(target=worker, args=("A",))
b = threading.Thread(target=worker, args=("B",))
a.start()
b.start()
a.join()
b.join()
