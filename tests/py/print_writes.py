# print writes each argument, each separator and end with its own write() call, as CPython
# does (a file object sees them one by one).
class Recorder:
    def __init__(self):
        self.calls = []

    def write(self, s):
        self.calls.append(s)
        return len(s)

    def flush(self):
        self.calls.append("<flush>")


r = Recorder()
print("a", "b", 3, sep="-", file=r)
print(file=r)
print("x", end="", file=r)
print("y", "", "z", sep="", end="!\n", file=r, flush=True)
print(r.calls)


class Shown:
    def __str__(self):
        return "shown"


r2 = Recorder()
print(Shown(), "t", file=r2)
print(len(r2.calls) >= 2, "".join(r2.calls), end="")
