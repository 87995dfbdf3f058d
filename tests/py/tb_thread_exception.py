# An exception escaping a thread's target: threading's default excepthook prints the traceback
# to stderr through CPython's frames of threading.py (_bootstrap_inner, run), and a Timer's.
import threading


def work(n):
    return 10 // n


t = threading.Thread(target=work, args=(0,))
t.start()
t.join()
print("joined", t.is_alive())


def late():
    raise RuntimeError("timer fired")


timer = threading.Timer(0.01, late)
timer.start()
timer.join()
print("done")
