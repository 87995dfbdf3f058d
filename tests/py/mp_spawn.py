# The spawn start method: the child re-imports this file as __mp_main__ (module-level code runs
# again, the __main__ block does not), then runs the target found by name; fork copies the
# parent's memory instead. Globals changed under the guard are seen only by fork children.
import multiprocessing as mp
import os

if "PoolWorker" not in mp.current_process().name:
    print("module body runs in", __name__, "in", mp.current_process().name)
CONFIG = "default"


def show(q, tag):
    q.put((tag, __name__, CONFIG, mp.current_process().name))


def pid_name(_):
    return mp.current_process().name


class Job(mp.Process):
    def __init__(self, q):
        super().__init__()
        self.q = q

    def run(self):
        self.q.put(("subclass", type(self).__module__, CONFIG))


if __name__ == '__main__':
    CONFIG = "changed under the guard"
    fork = mp.get_context("fork")
    q = fork.Queue()
    p = fork.Process(target=show, args=(q, "fork"))
    p.start()
    print(q.get())
    p.join()
    spawn = mp.get_context("spawn")
    try:
        spawn.Process(target=show, args=(q, "spawn")).start()
    except RuntimeError as e:
        print("RuntimeError:", e)
    q = spawn.Queue()
    p = spawn.Process(target=show, args=(q, "spawn"))
    p.start()
    print(q.get())
    p.join()
    print("exitcode", p.exitcode, p.name)
    mp.set_start_method("spawn", force=True)
    print(mp.get_start_method())
    j = Job(q)
    j.start()
    print(q.get())
    j.join()
    with mp.Pool(2) as pool:
        print(pool.map(abs, [-1, -2, -3]))
        print(set(pool.map(pid_name, range(4))) <= {"SpawnPoolWorker-%d" % i for i in range(1, 9)})
    try:
        spawn.Process(target=lambda: None).start()
    except Exception as e:
        print(type(e).__name__, str(e).split(":")[-1])
    print("parent done")
