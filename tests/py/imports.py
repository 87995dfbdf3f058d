# import a, b / from a import b / import a as b
import os, sys
import threading as th
from threading import Lock, current_thread
from os import getpid

print(type(os.getpid()).__name__)
print(sys.argv[0].endswith('imports.py'))
print(callable(getpid), getpid() == os.getpid())
print(current_thread().name)
print(th.current_thread().name == current_thread().name)
lock = Lock()
print(lock.acquire(), lock.locked())
lock.release()
print(lock.locked())
print(th.Lock is Lock)
print(__name__)
