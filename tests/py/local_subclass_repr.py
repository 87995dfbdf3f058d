# repr() of a threading.local subclass's instance names the subclass, as object.__repr__.
import re
import threading


class MyLocal(threading.local):
    pass


def make():
    class Inner(threading.local):
        pass

    return Inner()


def norm(s):
    return re.sub(r"0x[0-9a-f]+", "0x...", s)


print(norm(repr(MyLocal())))
print(norm(str(MyLocal())))
print(norm(repr(make())))
print(norm(repr(threading.local())))
