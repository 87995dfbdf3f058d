# A forked child joins a thread object copied from its parent (as concurrent.futures'
# shutdown hooks do): the thread does not exist in the child, so the join returns at once.
import os
import threading
import time

done = threading.Event()


def worker():
    done.wait()


t = threading.Thread(target=worker, name='worker')
t.start()
pid = os.fork()
if pid == 0:
    print('child: alive?', t.is_alive())
    t.join()
    t.join(timeout=1)
    print('child: joined')
    os._exit(0)
os.waitpid(pid, 0)
done.set()
t.join()
print('parent: alive?', t.is_alive())
