# A BaseManager serving a queue.Queue on 127.0.0.1: proxies, remote exceptions, the authkey
# challenge and a refused connection.
import queue
from multiprocessing.managers import BaseManager
from multiprocessing import AuthenticationError

jobs = queue.Queue()


class QueueManager(BaseManager):
    pass


QueueManager.register('get_jobs', callable=lambda: jobs)

if __name__ == '__main__':
    m = QueueManager(address=('127.0.0.1', 0), authkey=b'secret')
    m.start()
    host, port = m.address
    print('listening on', host, port > 0)
    q = m.get_jobs()
    print(type(q).__name__, repr(q).startswith("<AutoProxy[get_jobs] object, typeid 'get_jobs' at 0x"))
    print(str(q).startswith('<queue.Queue object at 0x'))
    for i in range(3):
        q.put(i * i)
    print('qsize', q.qsize(), 'empty', q.empty())
    print([q.get() for _ in range(3)])
    try:
        q.get(timeout=0.1)
    except queue.Empty as e:
        print('remote raised', type(e).__name__)
    try:
        q.nosuch()
    except AttributeError as e:
        print(e)

    class Client(BaseManager):
        pass

    Client.register('get_jobs')
    c = Client(address=m.address, authkey=b'secret')
    c.connect()
    cq = c.get_jobs()
    cq.put('from a second client')
    print(q.get())

    bad = Client(address=m.address, authkey=b'wrong')
    try:
        bad.connect()
    except AuthenticationError as e:
        print('AuthenticationError:', e)
    m.shutdown()
    print('shut down')

    gone = Client(address=('127.0.0.1', 1), authkey=b'secret')
    try:
        gone.connect()
    except ConnectionRefusedError as e:
        print(type(e).__name__, e)
    gone.connect()
