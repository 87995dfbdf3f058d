# How CPython draws an uncaught exception group: nested groups in boxes, each member's own
# traceback and chained exceptions inside its box, the except* recombination at the top.


def fail(n):
    if n % 2:
        raise ValueError(n)
    try:
        {}[n]
    except KeyError as e:
        raise TypeError("bad %d" % n) from e


def collect():
    errors = []
    for n in range(3):
        try:
            fail(n)
        except Exception as e:
            errors.append(e)
    raise ExceptionGroup("collected", errors + [ExceptionGroup("nested", [OSError("disk")])])


try:
    collect()
except* ValueError as e:
    print("handled", repr(e))
    raise RuntimeError("while handling")
