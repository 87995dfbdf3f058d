import os

def counter():
    n = 0
    while True:
        n += 1
        yield n

c = counter()
print("parent before fork:", next(c), next(c))
pid = os.fork()
if pid == 0:
    print("child continues:", next(c), next(c))
    os._exit(0)
os.waitpid(pid, 0)
print("parent continues:", next(c))
squares = (i * i for i in range(5))
print(next(squares))
pid = os.fork()
if pid == 0:
    print("child rest:", list(squares))
    os._exit(0)
os.waitpid(pid, 0)
print("parent rest:", list(squares))
import multiprocessing
def work(q):
    q.put(sum(x for x in range(10)))
if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(q,))
    p.start()
    print("from process:", q.get())
    p.join()
    a, b = multiprocessing.Pipe()
    try:
        a.send(x for x in range(3))
    except TypeError as e:
        print("TypeError:", e)
