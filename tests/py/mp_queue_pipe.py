import multiprocessing as mp
import queue


def producer(q, n):
    for i in range(n):
        q.put(('item', i, [i] * 2))
    q.put(None)


def echo(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        conn.send(msg.upper())
    conn.close()


if __name__ == '__main__':
    q = mp.Queue()
    p = mp.Process(target=producer, args=(q, 3))
    p.start()
    while True:
        item = q.get()
        if item is None:
            break
        print('got', item)
    p.join()
    print('exitcode', p.exitcode)
    try:
        q.get(timeout=0.1)
    except queue.Empty:
        print('empty after timeout')
    b = mp.Queue(1)
    b.put(1)
    try:
        b.put(2, block=False)
    except queue.Full:
        print('full')
    a, c = mp.Pipe()
    e = mp.Process(target=echo, args=(c,))
    e.start()
    for w in ['hi', 'there']:
        a.send(w)
        print(a.recv())
    a.send(None)
    e.join()
    r, w = mp.Pipe(duplex=False)
    w.send({'k': (1, 2)})
    print(r.recv(), r.poll())
    w.close()
    try:
        r.recv()
    except EOFError:
        print('EOFError')
    jq = mp.JoinableQueue()
    jq.put(1)
    jq.get()
    jq.task_done()
    jq.join()
    try:
        jq.task_done()
    except ValueError as e:
        print(e)
