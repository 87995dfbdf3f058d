# Files are shared by the processes of a machine: a forked child's writes are seen by the
# parent, a multiprocessing worker appends to a log, and the parent reads it all after join.
import os
import tempfile
from multiprocessing import Process

d = tempfile.mkdtemp()
log = os.path.join(d, "log.txt")


def worker(n):
    with open(log, "a") as f:
        f.write("worker %d\n" % n)


if __name__ == "__main__":
    with open(log, "w") as f:
        f.write("start\n")
    pid = os.fork()
    if pid == 0:
        with open(os.path.join(d, "child.txt"), "w") as f:
            f.write("written by the child\n")
        os._exit(0)
    os.waitpid(pid, 0)
    with open(os.path.join(d, "child.txt")) as f:
        print("parent reads:", f.read().strip())
    for n in range(3):
        p = Process(target=worker, args=(n,))
        p.start()
        p.join()
    with open(log) as f:
        print(f.read(), end="")
    print(sorted(os.listdir(d)))
    import shutil
    shutil.rmtree(d)
    print(os.path.exists(d))
