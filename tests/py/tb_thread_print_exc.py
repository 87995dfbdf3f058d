# traceback.print_exc() / format_exc() inside a thread show the same frames as the excepthook.
import threading
import traceback
import queue


def worker():
    q = queue.Queue()
    try:
        q.get_nowait()
    except queue.Empty:
        traceback.print_exc()
    try:
        q.get(timeout=0.01)
    except queue.Empty:
        # Only queue.py's frame to stdout: the program's own path is absolute under CPython.
        print(traceback.format_exc().splitlines()[3:])
    full = queue.Queue(1)
    full.put(1)
    try:
        full.put_nowait(2)
    except queue.Full:
        traceback.print_exc()


t = threading.Thread(target=worker)
t.start()
t.join()
