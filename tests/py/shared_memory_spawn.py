# multiprocessing.shared_memory with the spawn start method: SharedMemory and ShareableList
# are pickled by name and attached again in the child.
import multiprocessing as mp
from multiprocessing.shared_memory import SharedMemory, ShareableList

def work(shm, sl):
    shm.buf[0] = 42
    sl[0] = "spawned"
    shm.close()
    sl.shm.close()

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    shm = SharedMemory(create=True, size=4)
    sl = ShareableList(["xxxxxxxxxx", 2])
    p = ctx.Process(target=work, args=(shm, sl))
    p.start(); p.join()
    print(shm.buf[0], list(sl), p.exitcode)
    shm.close(); shm.unlink(); sl.shm.close(); sl.shm.unlink()
