# OSError's attributes and the subclass CPython picks from the errno.
for args in [(2, "No such file or directory"), (2, "x", "f.txt"), (2, "x", "a", None, "b"), ("just a message",),
             (17, "File exists", "d"), (13, "Permission denied"), (99, "Other"), (1, "a", "b", "c", "d", "e"), ()]:
    e = OSError(*args)
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, e.filename2)
    print("  str:", str(e))
    print("  repr:", repr(e))

for errno in [1, 2, 3, 4, 10, 11, 13, 17, 20, 21, 32, 104, 110, 111, 9]:
    print(errno, type(OSError(errno, "m")).__name__)

e = FileNotFoundError(5, "not mapped")
print(type(e).__name__, e.errno)
e = OSError(2, "x")
print(isinstance(e, FileNotFoundError), isinstance(e, OSError))
print(IOError is OSError, EnvironmentError is OSError)

try:
    open("surely_missing_file.txt")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, e.args)

try:
    raise OSError(2, "No such file or directory", "x")
except FileNotFoundError as e:
    print("caught as FileNotFoundError:", e)


class MyError(OSError):
    pass


m = MyError(2, "mine", "m.txt")
print(type(m).__name__, m.errno, m.filename, str(m))


class WithInit(OSError):
    def __init__(self, path):
        super().__init__(2, "custom", path)


w = WithInit("w.txt")
print(type(w).__name__, w.errno, w.strerror, w.filename, str(w), w.args)
e = OSError(2, "x", "f")
e.errno = 5
print(e.errno, str(e))
