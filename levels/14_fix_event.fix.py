import threading

data = None
ready = threading.Event()

def producer():
    global data
    data = 42
    ready.set()

def consumer():
    ready.wait()
    print(data)

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
c.join()
p.join()
