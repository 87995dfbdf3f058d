import threading
class L(threading.local):
    def __init__(self, v=1):
        self.x = v
    def show(self):
        return self.x
l = L(5)
def w():
    print("thread sees x:", getattr(l, "x", None))
    l.x = 9
    print("thread set", l.show())
t = threading.Thread(target=w); t.start(); t.join()
print("main", l.x, type(l).__name__, isinstance(l, threading.local))
print(threading.local().__class__.__name__)
class Plain(threading.local):
    pass
p = Plain()
p.v = 1
def look():
    print("other thread has v:", hasattr(p, "v"))
t = threading.Thread(target=look); t.start(); t.join()
try:
    Plain(3)
except TypeError as e:
    print("TypeError:", e)
