# `from queue import ShutDown` (3.13) on 3.11 names the module's file; so does its repr.
import queue
import threading

print(repr(queue))
print(threading.__file__)
try:
    from queue import ShutDown
except ImportError as e:
    print("ImportError:", e)
from queue import ShutDown
