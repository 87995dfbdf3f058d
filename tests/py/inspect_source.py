import inspect


class Pool:
    """A pool."""

    size = 4

    def submit(self, fn):
        return fn()


@staticmethod
def helper():
    return 1


class Outer:
    class Inner:
        x = 1


print(inspect.getsource(Pool), end="")
print(inspect.getsourcelines(Pool)[1])
print(inspect.getsource(Outer.Inner), end="")
print(inspect.getsource(Pool.submit), end="")
try:
    inspect.getsource(len)
except TypeError as e:
    print("TypeError", e)
