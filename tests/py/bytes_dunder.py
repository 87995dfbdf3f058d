# bytes() of objects written in Python: __bytes__, __iter__ (also one that blocks), a
# generator, and the errors.
import threading
import time


class Packet:
    def __bytes__(self):
        return b"\x01\x02"


class Items:
    def __iter__(self):
        time.sleep(0.001)
        return iter([104, 105])


class Locked:
    def __init__(self):
        self.lock = threading.Lock()

    def __iter__(self):
        with self.lock:
            time.sleep(0.001)
            return iter(range(3))


class Wrong:
    def __bytes__(self):
        return 5


class Both:
    def __bytes__(self):
        return b"dunder"

    def __iter__(self):
        return iter([1])


print(bytes(Packet()), bytes(Items()), bytes(Locked()), bytes(Both()), bytes(x * 2 for x in range(4)))
print(bytes([65]), bytes(3), bytes("é", "utf-8"), bytes(b"x"))
for f in (lambda: bytes(Wrong()), lambda: bytes(iter([300]))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
