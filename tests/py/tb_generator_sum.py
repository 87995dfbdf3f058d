def f():
    return sum(x for x in [1, "a"])


f()
