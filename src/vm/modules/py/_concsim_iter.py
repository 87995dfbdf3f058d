# Builtins that consume an iterable, for iterables written in Python: the for loop runs as
# frames, so an iterator whose __next__ blocks (a pool's imap) works as in CPython.


def list_of(it):
    out = []
    for x in it:
        out.append(x)
    return out


def tuple_of(it):
    return tuple(list_of(it))


def set_of(it):
    return set(list_of(it))


def sorted_of(it, key=None, reverse=False):
    return sorted(list_of(it), key=key, reverse=reverse)


def sum_of(it, start=0):
    return sum(list_of(it), start)
