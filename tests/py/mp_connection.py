# multiprocessing.connection: a real submodule with wait() over pipe ends and process
# sentinels, and Listener/Client with the authkey challenge and context managers.
import multiprocessing.connection
from multiprocessing import Process, Pipe, current_process
from multiprocessing.connection import Listener, Client, wait, Connection


def sender(w, n):
    for i in range(n):
        w.send((i, current_process().name))
    w.close()


def sleeper(t):
    import time
    time.sleep(t)


def client(address, key):
    with Client(address, authkey=key) as c:
        c.send(["hello", 42])
        print("client got", c.recv())


def bad_client(address):
    try:
        Client(address, authkey=b"wrong")
    except multiprocessing.AuthenticationError as e:
        print("client:", type(e).__name__, e)


if __name__ == "__main__":
    print(multiprocessing.connection.wait is wait, Connection is multiprocessing.connection.Connection)
    readers = []
    for i in range(3):
        r, w = Pipe(duplex=False)
        readers.append(r)
        p = Process(target=sender, args=(w, 3), name="S%d" % i)
        p.start()
        w.close()
    got = []
    while readers:
        for r in wait(readers):
            try:
                got.append(r.recv())
            except EOFError:
                readers.remove(r)
    print(sorted(got))

    r, w = Pipe()
    print("timed out:", wait([r], timeout=0.05))
    w.send("x")
    print("ready:", wait([r], timeout=1) == [r], r.recv())

    slow = Process(target=sleeper, args=(0.3,))
    fast = Process(target=sleeper, args=(0.05,))
    slow.start()
    fast.start()
    first = wait([slow.sentinel, fast.sentinel])
    print("first done is fast:", first == [fast.sentinel])
    print("then slow:", wait([slow.sentinel], timeout=5) == [slow.sentinel])
    slow.join()
    fast.join()
    print(slow.exitcode, fast.exitcode, isinstance(slow.sentinel, int))
    try:
        Process(target=sleeper).sentinel
    except ValueError as e:
        print("ValueError", e)

    key = b"secret"
    with Listener(("localhost", 0), authkey=key) as listener:
        p = Process(target=client, args=(listener.address, key))
        p.start()
        with listener.accept() as conn:
            print("server got", conn.recv())
            conn.send("bye")
        p.join()
        p = Process(target=bad_client, args=(listener.address,))
        p.start()
        try:
            listener.accept()
        except multiprocessing.AuthenticationError as e:
            p.join()
            print("server:", type(e).__name__, e)
    try:
        listener.accept()
    except OSError as e:
        print("OSError", e)
    try:
        import multiprocessing.nosuch
    except ImportError as e:
        print(type(e).__name__, e)
    try:
        import os.nosuch
    except ImportError as e:
        print(type(e).__name__, e)
