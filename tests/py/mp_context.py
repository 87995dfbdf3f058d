# Process reprs (asking the kernel for the state), current/parent process, active_children,
# cpu_count, contexts and start methods, Process subclasses.
import multiprocessing as mp
import os
import time


class Worker(mp.Process):
    def __init__(self, n):
        super().__init__(name="W%d" % n)
        self.n = n

    def run(self):
        print("worker", self.n, mp.current_process().name, mp.parent_process().name,
              mp.parent_process().pid == os.getppid())


def nap():
    time.sleep(0.05)


if __name__ == '__main__':
    print(mp.get_start_method(allow_none=True))
    print(mp.current_process().name, mp.parent_process())
    p = mp.Process(target=nap)
    r0 = repr(p)
    print(r0.startswith("<Process name='Process-1' parent=") and r0.endswith(" initial>"))
    p.start()
    print(repr(p) == "<Process name='Process-1' pid=%d parent=%d started>" % (p.pid, os.getpid()))
    print(mp.active_children() == [p])
    p.join()
    print(repr(p) == "<Process name='Process-1' pid=%d parent=%d stopped exitcode=0>" % (p.pid, os.getpid()))
    print(mp.active_children())
    w = Worker(1)
    w.start()
    w.join()
    print(w.name, w.exitcode)
    print(isinstance(mp.cpu_count(), int), mp.cpu_count() == os.cpu_count())
    print(mp.get_start_method(), mp.get_all_start_methods()[:2])
    ctx = mp.get_context("fork")
    print(type(ctx).__name__, ctx.get_start_method(), type(mp.get_context()).__name__)
    q = ctx.Queue()
    fp = ctx.Process(target=q.put, args=("via ctx",))
    fp.start()
    print(q.get(), fp.name.startswith("ForkProcess-"))
    fp.join()
    print(type(mp.get_context("spawn")).__name__, mp.get_context("forkserver").get_start_method())
    try:
        mp.get_context("thread")
    except ValueError as e:
        print(e)
    try:
        mp.set_start_method("spawn")
    except RuntimeError as e:
        print(e)
    try:
        ctx.set_start_method("spawn")
    except ValueError as e:
        print(e)
    d = mp.Process(target=nap, daemon=True)
    d.start()
    print(repr(d).endswith(" started daemon>"))
    d.terminate()
    d.join()
    print(d.exitcode, repr(d).endswith(" stopped exitcode=-SIGTERM daemon>"))
