# A thread's uncaught exception is printed by threading.excepthook, with the same hint.
import threading


def worker():
    results = []
    results.apend(1)


t = threading.Thread(target=worker, name="Worker-1")
t.start()
t.join()
print("main done")
