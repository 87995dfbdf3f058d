# The Python 2 name of Thread.is_alive: CPython suggests the new one.
import threading

t = threading.Thread(target=print, args=("worker ran",))
t.start()
t.join()
print(t.isAlive())
