# concsim's gc: the garbage collector's interface. concsim frees a run's heap when the run
# ends and has no cycle collector to drive, so collect() finds nothing and get_objects()
# lists no objects (the program cannot reach the heap's objects this way).
# Invariant: enable/disable/isenabled keep CPython's state; nothing here changes a run.

_enabled = True
garbage = []
callbacks = []
DEBUG_STATS = 1
DEBUG_COLLECTABLE = 2
DEBUG_UNCOLLECTABLE = 4
DEBUG_SAVEALL = 32
DEBUG_LEAK = 38


def enable():
    global _enabled
    _enabled = True


def disable():
    global _enabled
    _enabled = False


def isenabled():
    return _enabled


def collect(generation=2):
    if generation not in (0, 1, 2):
        raise ValueError("invalid generation")
    return 0


def get_objects(generation=None):
    return []


def get_count():
    return (0, 0, 0)


def get_threshold():
    return (700, 10, 10)


def set_threshold(*args):
    pass


def get_referrers(*objs):
    return []


def get_referents(*objs):
    return []


def is_tracked(obj):
    return not isinstance(obj, (int, float, str, bool, bytes, type(None)))


def freeze():
    pass


def unfreeze():
    pass


def get_freeze_count():
    return 0
