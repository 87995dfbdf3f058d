# The camelCase aliases of threading warn since 3.10 (DeprecationWarning, shown by the
# default filters because the call is in __main__), and still work.
import threading

t = threading.Thread(target=lambda: None, name="worker")
t.setDaemon(True)
print(t.isDaemon(), t.getName())
t.setName("renamed")
print(t.name, threading.currentThread().name, threading.activeCount())
e = threading.Event()
print(e.isSet())
c = threading.Condition()
with c:
    c.notifyAll()
import sys
print(sys.path[0] != "", len(sys.path) > 1)
