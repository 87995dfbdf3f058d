# SyncManager: a server process (SyncManager-1) holding dict, list, Namespace, Value, Array,
# Queue, Lock, RLock, Event, Condition, Semaphore, Barrier; proxies shared by forked children
# and by a Pool's workers; the proxies' reprs and str(); shutdown.
import multiprocessing as mp
from multiprocessing import Manager, Process, Pool


def count(d, lock, key, n):
    for _ in range(n):
        with lock:
            d[key] = d.get(key, 0) + 1


def put_square(args):
    lst, i = args
    lst.append(i * i)
    return i


def signal(ev, ns, q):
    ns.x = 42
    q.put("hello")
    ev.set()


if __name__ == '__main__':
    with Manager() as m:
        print(type(m).__name__, m._process.name)
        d = m.dict()
        lock = m.Lock()
        ps = [Process(target=count, args=(d, lock, k, 5)) for k in ("a", "b", "a")]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(sorted(d.items()), len(d), "a" in d, "z" not in d, sorted(d.keys()), sorted(d.copy().items()))
        print(repr(d).startswith("<DictProxy object, typeid 'dict' at 0x"))
        lst = m.list([10])
        with Pool(2) as pool:
            print(sorted(pool.map(put_square, [(lst, i) for i in range(4)])))
        print(sorted(lst), len(lst), lst[0])
        lst += [99]
        print(lst[-1], type(lst).__name__)
        ns = m.Namespace(y=1)
        ev = m.Event()
        q = m.Queue()
        p = Process(target=signal, args=(ev, ns, q))
        p.start()
        print(ev.wait(5), q.get(), ns.x, ns.y)
        p.join()
        print(ns)
        v = m.Value("i", 7)
        v.value += 1
        print(v.value, v)
        a = m.Array("i", [1, 2, 3])
        a[0] = 5
        print(a, len(a), a[0])
        r = m.RLock()
        with r:
            with r:
                print("rlock twice")
        s = m.Semaphore(2)
        print(s.acquire(), s.acquire(), s.acquire(False))
        c = m.Condition()
        with c:
            print(c.wait(0.01))
        b = m.Barrier(1)
        print(b.wait(), b.parties)
        print(type(lock).__name__, type(ev).__name__, type(ns).__name__, type(v).__name__, type(q).__name__)
    print(m._state.value)
    try:
        m.dict()
    except Exception as e:
        print(type(e).__name__)
