import threading, queue

q = queue.Queue()
q.put("job")
taking = threading.Lock()

def worker(name):
    with taking:
        if q.empty():
            return
        job = q.get()
    print(name, "took", job)

a = threading.Thread(target=worker, args=("A",))
b = threading.Thread(target=worker, args=("B",))
a.start()
b.start()
a.join()
b.join()
