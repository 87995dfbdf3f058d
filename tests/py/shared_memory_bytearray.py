# A shared memory buffer's slice takes any bytes-like value: bytes, bytearray, memoryview.
from multiprocessing import shared_memory, Process


def child(name):
    shm = shared_memory.SharedMemory(name=name)
    shm.buf[0] = 42
    shm.close()


if __name__ == "__main__":
    shm = shared_memory.SharedMemory(create=True, size=10)
    shm.buf[:4] = bytearray([22, 33, 44, 55])
    shm.buf[4:6] = memoryview(b"ab")
    shm.buf[6:8] = b"cd"
    p = Process(target=child, args=(shm.name,))
    p.start()
    p.join()
    print(bytes(shm.buf[:8]))
    try:
        shm.buf[:2] = bytearray(b"xyz")
    except ValueError as e:
        print("ValueError:", e)
    shm.close()
    shm.unlink()
