# multiprocessing.managers.SharedMemoryManager: segments made through the manager are
# shared with children and unlinked when the manager shuts down (CPython's docs example).
from multiprocessing import Process
from multiprocessing.managers import SharedMemoryManager
from multiprocessing.shared_memory import SharedMemory, ShareableList


def do_work(shared_list, start, stop):
    for idx in range(start, stop):
        shared_list[idx] = idx * idx


def fill(name, value):
    shm = SharedMemory(name)
    shm.buf[:3] = bytes([value] * 3)
    shm.close()


with SharedMemoryManager() as smm:
    sl = smm.ShareableList(range(8))
    shm = smm.SharedMemory(size=6)
    print(len(sl), list(sl), shm.size, len(shm.buf), bytes(shm.buf))
    procs = [Process(target=do_work, args=(sl, 0, 4)), Process(target=do_work, args=(sl, 4, 8)),
             Process(target=fill, args=(shm.name, 7))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(list(sl), sum(sl), bytes(shm.buf))
    names = [sl.shm.name, shm.name]
    again = ShareableList(name=sl.shm.name)
    print(again[3], again.format)
    again.shm.close()
    sl.shm.close()
    shm.close()

for name in names:
    try:
        SharedMemory(name)
        print("still there")
    except FileNotFoundError:
        print("unlinked")

smm = SharedMemoryManager()
smm.start()
a = smm.SharedMemory(4)
a.buf[0] = 1
print(a.buf[0], a.size)
a.close()
smm.shutdown()
try:
    SharedMemory(a.name)
except FileNotFoundError:
    print("unlinked")
