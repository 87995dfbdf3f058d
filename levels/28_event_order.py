import threading

data = None
ready = threading.Event()

def producer():
    global data
    ready.set()
    data = 42

def consumer():
    ready.wait()
    print(data)

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
c.join()
p.join()
