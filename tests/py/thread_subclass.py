# subclassing Thread and overriding run()
import threading

class Counter(threading.Thread):
    def __init__(self, label, n):
        super().__init__()
        self.label = label
        self.n = n
        self.result = None

    def run(self):
        self.result = sum(range(self.n))
        print('%s (%s) done' % (self.label, self.name))

class Named(threading.Thread):
    def __init__(self):
        threading.Thread.__init__(self, name='custom-name')

    def run(self):
        print('running as', threading.current_thread().name)

c1 = Counter('first', 10)
c2 = Counter('second', 100)
c1.start(); c1.join()
c2.start(); c2.join()
print(c1.result, c2.result)
n = Named()
n.start()
n.join()
print(isinstance(n, threading.Thread), n.is_alive())
try:
    n.start()
except RuntimeError as e:
    print('RuntimeError:', e)
