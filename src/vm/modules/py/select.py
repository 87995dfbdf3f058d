# concsim's select: select.select with no descriptors to watch, which CPython programs use
# as a sleep that releases the GIL (a timer of the simulated machine here). Watching
# descriptors is not supported yet and says so.
# Invariant: select([], [], [], t) waits t seconds of virtual time and returns three empty
# lists, as CPython's does.

import time as _time

error = OSError


def select(rlist, wlist, xlist, timeout=None):
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    if rlist or wlist or xlist:
        raise NotImplementedError("concsim does not support select.select on file descriptors yet")
    if timeout is None:
        raise NotImplementedError("concsim does not support select.select without a timeout yet")
    if not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be a float or None")
    if timeout < 0:
        raise ValueError("timeout must be non-negative")
    _time.sleep(timeout)
    return [], [], []
