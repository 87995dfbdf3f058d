import threading

items = []
cond = threading.Condition()

def consumer(name):
    with cond:
        if not items:
            cond.wait()
        item = items.pop()
    print(name, "got", item)

def producer():
    for cake in ("cake 1", "cake 2"):
        with cond:
            items.append(cake)
            cond.notify()

a = threading.Thread(target=consumer, args=("A",))
b = threading.Thread(target=consumer, args=("B",))
p = threading.Thread(target=producer)
a.start()
p.start()
b.start()
a.join()
b.join()
p.join()
