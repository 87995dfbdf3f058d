import uuid

u = uuid.UUID("{12345678-1234-5678-1234-567812345678}")
print(u, repr(u), u.hex, u.int, u.urn)
print(u.bytes, u.bytes_le, u.fields, u.time_low, u.time_mid, u.node, u.time, u.clock_seq)
print(u.variant, u.version, uuid.UUID(bytes_le=u.bytes_le) == u, uuid.UUID(fields=u.fields) == u)
print(uuid.UUID(int=u.int) == u, uuid.UUID(bytes=u.bytes) == u, uuid.UUID("urn:uuid:" + u.hex) == u)
v = uuid.UUID(int=5, version=4)
print(v, v.version, v.variant, uuid.UUID(int=0).variant, uuid.UUID(int=0).version)
print(uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
print(uuid.uuid3(uuid.NAMESPACE_URL, "http://x"), uuid.uuid3(uuid.NAMESPACE_OID, "1.2"), uuid.NAMESPACE_X500)
a = uuid.uuid4()
b = uuid.uuid4()
print(a != b, a.version, a.variant, len(str(a)), len(a.hex), isinstance(a, uuid.UUID))
print(sorted([uuid.UUID(int=3), uuid.UUID(int=1), uuid.UUID(int=2)]), uuid.UUID(int=1) <= uuid.UUID(int=1))
print(len({uuid.UUID(int=7), uuid.UUID(int=7), uuid.UUID(int=8)}), int(uuid.UUID(int=9)), u == str(u))
print(uuid.RFC_4122, uuid.SafeUUID.unknown, u.is_safe)
for f in [lambda: uuid.UUID(), lambda: uuid.UUID("abc"), lambda: uuid.UUID(bytes=b"a"),
          lambda: uuid.UUID(int=-1), lambda: uuid.UUID(int=1, version=9),
          lambda: uuid.UUID(fields=(1, 2, 3, 4, 5, 2 ** 48)), lambda: uuid.UUID(fields=(1, 2)),
          lambda: uuid.UUID(bytes_le=b"x"), lambda: u < 5, lambda: setattr(u, "x", 1),
          lambda: uuid.UUID(hex="1" * 32, int=5), lambda: uuid.uuid5(uuid.NAMESPACE_URL, b"x"),
          lambda: uuid.uuid3(uuid.NAMESPACE_URL, 5)]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
import multiprocessing as mp


def work(q):
    q.put(uuid.uuid5(uuid.NAMESPACE_DNS, "worker"))


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=work, args=(q,))
    p.start()
    got = q.get()
    p.join()
    print(got, got == uuid.uuid5(uuid.NAMESPACE_DNS, "worker"), got.is_safe)
uuid.UUID("not-a-uuid")
