# multiprocessing.shared_memory: a segment written by a parent and by forked children
# (directly and by attaching by name), its buffer's memoryview behaviour, ShareableList,
# and the errors.
import multiprocessing as mp
import os
import struct
from multiprocessing import shared_memory
from multiprocessing.shared_memory import SharedMemory, ShareableList

# A name of this process's own, so that runs at the same time do not collide.
NAME = "concsim_test_%d" % os.getpid()


def show(shm):
    return repr(shm).replace(shm.name, "NAME")


def t(f):
    try:
        print(repr(f()).replace(NAME, "concsim_test"))
    except Exception as e:
        print(type(e).__name__, str(e).replace(NAME, "concsim_test"))


shm = SharedMemory(create=True, size=10)
print(shm.name.startswith("psm_"), len(shm.name), shm.size, show(shm), shared_memory.SharedMemory is SharedMemory)
buf = shm.buf
print(len(buf), bytes(buf), buf.tobytes() == bytes(10), buf.nbytes, buf.format, buf.itemsize, buf.readonly)
buf[0] = 65
buf[1:4] = b"BCD"
buf[-1] = 255
print(bytes(buf[:4]), buf[0], buf[-1], buf[9], buf.tolist()[:5], list(buf[2:8:2]), bytes(buf[1:3]), buf[::3].tolist())
view = buf[4:8]
view[0] = 1
view[1:3] = b"\x02\x03"
print(len(view), bytes(buf), bytes(buf[4:6]) == b"\x01\x02", buf.hex(), view.tobytes(), list(buf[8:]))
view.release()
t(lambda: view[0])
t(lambda: buf[10])
t(lambda: buf[-11])
t(lambda: buf.__setitem__(0, 256))
t(lambda: buf.__setitem__(0, -1))
t(lambda: buf.__setitem__(0, "a"))
t(lambda: buf.__setitem__(slice(0, 2), b"abc"))
t(lambda: buf["a"])

# A forked child writes into the parent's segment; another attaches by name.
def child_write(shm, data):
    shm.buf[:len(data)] = data


def child_attach(name, index, value):
    other = SharedMemory(name)
    print("child sees", bytes(other.buf[:4]), other.size)
    other.buf[index] = value
    other.close()


p = mp.Process(target=child_write, args=(shm, b"hello"))
p.start()
p.join()
print(bytes(buf), p.exitcode)
p = mp.Process(target=child_attach, args=(shm.name, 9, 33))
p.start()
p.join()
print(bytes(buf))
other = SharedMemory(shm.name)
print(other.size, bytes(other.buf) == bytes(shm.buf), show(other))
other.buf[5] = 44
print(bytes(shm.buf[:6]))
other.close()
print(other.buf)


# Two processes adding under a lock.
def add(name, lock, n):
    s = SharedMemory(name)
    for _ in range(n):
        with lock:
            s.buf[0] = (s.buf[0] + 1) % 256
    s.close()


counter = SharedMemory(create=True, size=1)
lock = mp.Lock()
procs = [mp.Process(target=add, args=(counter.name, lock, 50)) for _ in range(3)]
for p in procs:
    p.start()
for p in procs:
    p.join()
print("counter", counter.buf[0])
counter.close()
counter.unlink()

# struct over the buffer.
struct.pack_into("<iH", shm.buf, 2, -5, 513)
print(struct.unpack_from("<iH", shm.buf, 2), bytes(shm.buf[2:8]))
t(lambda: struct.pack_into("<q", shm.buf, 5, 1))
t(lambda: struct.pack_into("<q", shm.buf, -20, 1))

# Named segments and the errors.
try:
    SharedMemory(NAME).unlink()
except FileNotFoundError:
    pass
named = SharedMemory(name=NAME, create=True, size=4)
print(named.name == NAME, named.size, show(named))
t(lambda: SharedMemory(name=NAME, create=True, size=4))
named.close()
named.unlink()
t(lambda: named.unlink())
t(lambda: SharedMemory(NAME))
t(lambda: SharedMemory())
t(lambda: SharedMemory(create=True))
t(lambda: SharedMemory(create=True, size=-1))
t(lambda: SharedMemory(NAME, size=-1))
buf.release()
t(lambda: buf[0])
t(lambda: len(buf))
shm.close()
print(shm.buf)
shm.unlink()
try:
    SharedMemory(shm.name)
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename == "/" + shm.name, str(e).replace(shm.name, "NAME"))

# ShareableList.
sl = ShareableList([1, 2.5, "hi", b"xy", None, True, -7])
print(len(sl), list(sl), sl.format, sl.shm.size, sl.shm.name.startswith("psm_"))
print(repr(sl).replace(sl.shm.name, "NAME"))
sl[0] = 99
sl[2] = "hello"
sl[3] = b""
sl[4] = 3.25
sl[-1] = None
print(list(sl), sl.format, sl[-2], sl.count(None), sl.index(99))
t(lambda: sl.__setitem__(2, "x" * 9))
t(lambda: sl[7])
t(lambda: sl.__setitem__(7, 1))
t(lambda: sl.index("nope"))


def child_list(name):
    other = ShareableList(name=name)
    other[0] = other[0] + 1
    other[2] = "child"
    other.shm.close()


p = mp.Process(target=child_list, args=(sl.shm.name,))
p.start()
p.join()
print(list(sl))
same = ShareableList(name=sl.shm.name)
print(len(same), list(same) == list(sl), same.format == sl.format)
same.shm.close()
empty = ShareableList()
print(list(empty), len(empty), empty.format, empty.shm.size)
empty.shm.close()
empty.shm.unlink()
t(lambda: ShareableList([[1]]))
sl.shm.close()
sl.shm.unlink()
