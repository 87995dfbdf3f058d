# AttributeError's name and obj (and NameError's name) are not part of what pickle carries:
# they arrive as None, so an unpicklable obj (a lock) does not stop the error from travelling.
import concurrent.futures as cf
import multiprocessing as mp
import threading


def lock_attribute(_):
    return threading.Lock().frob


def undefined(_):
    return undefined_name


if __name__ == "__main__":
    with cf.ProcessPoolExecutor(max_workers=1) as ex:
        for f in (lock_attribute, undefined):
            try:
                ex.submit(f, 1).result()
            except AttributeError as e:
                print(type(e).__name__, e, e.name, e.obj)
            except NameError as e:
                print(type(e).__name__, e, e.name)
    q = mp.Queue()
    try:
        threading.Lock().frob
    except AttributeError as e:
        print("before:", e.name)
        q.put(e)
    r = q.get()
    print(type(r).__name__, r, r.name, r.obj)
    e = ImportError("m", name="mod", path="/p")
    q.put(e)
    r = q.get()
    print(r, r.name, r.path)
