# logging from threads and processes: threadName/processName in records, and the handler
# lock serializing emits (a slow handler's lines never interleave).
import logging
import multiprocessing
import sys
import threading
import time

logging.basicConfig(level=logging.DEBUG, stream=sys.stdout,
                    format="%(threadName)s %(processName)s %(levelname)s %(message)s")


def worker(n):
    logging.debug("worker %d starting", n)
    time.sleep(0.01 * n)
    logging.info("worker %d done", n)


threads = []
for i in range(3):
    t = threading.Thread(target=worker, args=(i,), name="W%d" % i)
    threads.append(t)
for t in threads:
    t.start()
    t.join()
t = threading.Thread(target=worker, args=(9,))
t.start()
t.join()


class SlowHandler(logging.Handler):
    """Writes a record a character at a time, sleeping between characters: only the
    handler lock keeps two threads' records apart."""

    def __init__(self):
        super().__init__()
        self.chars = []

    def emit(self, record):
        for ch in self.format(record):
            self.chars.append(ch)
            time.sleep(0.0001)
        self.chars.append("\n")


slow = SlowHandler()
slow.setFormatter(logging.Formatter("%(threadName)s:%(message)s"))
slog = logging.getLogger("slow")
slog.propagate = False
slog.addHandler(slow)


def chatty(n):
    for k in range(3):
        slog.warning("msg-%d-%d", n, k)


threads = [threading.Thread(target=chatty, args=(n,), name="C%d" % n) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
lines = "".join(slow.chars).splitlines()
print(len(lines), sorted(lines) == sorted("C%d:msg-%d-%d" % (n, n, k) for n in range(3) for k in range(3)))


def child(q):
    logging.warning("in child")
    q.put(multiprocessing.current_process().name)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=child, args=(q,))
    p.start()
    print(q.get())
    p.join()
    logging.warning("parent again")
