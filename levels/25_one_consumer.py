import threading

items = []
cond = threading.Condition()

def consumer():
    with cond:
        if not items:
            cond.wait()
        print("got", items.pop())

def producer():
    with cond:
        items.append("cake")
        cond.notify()

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
c.join()
p.join()
