# Misuse of threading's objects: each error's traceback ends in CPython's frame of
# threading.py (printed by traceback.print_exc, and by the excepthook for a thread).
import sys
import threading
import traceback

t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError:
    traceback.print_exc()
t.start()
t.join()
try:
    t.start()
except RuntimeError:
    traceback.print_exc()

s = threading.BoundedSemaphore(1)
try:
    s.release()
except ValueError:
    traceback.print_exc()
try:
    threading.Semaphore(1).release(0)
except ValueError:
    traceback.print_exc()

c = threading.Condition()
try:
    c.notify()
except RuntimeError:
    traceback.print_exc()

b = threading.Barrier(2, action=lambda: 1 / 0)


def party():
    b.wait()


p = threading.Thread(target=party)
p.start()
try:
    b.wait()
except ZeroDivisionError:
    text = traceback.format_exc()
p.join()  # its traceback first, then the action's: one order under real threads too
print(text, end="", file=sys.stderr)
print("broken:", b.broken)
