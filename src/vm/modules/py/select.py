# concsim's select: select.select over the simulated machine's sockets and
# multiprocessing connections (objects with fileno(), or their descriptors), and with no
# descriptors as the sleep that releases the GIL that CPython programs use it for.
# Invariant: select returns only what is ready (a recv() or accept() would not block, a
# connected socket can be written) and waits the timeout's virtual time when nothing is. A
# wait on one socket or connection is the kernel's own wait on its channel; a wait on several
# polls them every POLL seconds of machine time (the kernel has no wait on several channels at
# once), a difference ARCHITECTURE lists. `poll_until` is that loop, shared with socket's timed
# accept and multiprocessing.connection.wait.

import time as _time

error = OSError


def _object(o):
    # The socket or connection behind `o` (an object with fileno(), or a descriptor).
    if isinstance(o, int):
        if o < 0:
            raise ValueError("file descriptor cannot be a negative integer (%d)" % o)
        import socket

        s = socket._open.get(o)
        if s is None:
            raise NotImplementedError("concsim does not support select() on descriptor %d yet" % o)
        return s
    if not hasattr(o, "fileno"):
        raise TypeError("argument must be an int, or have a fileno() method.")
    fd = o.fileno()
    if not isinstance(fd, int):
        raise TypeError("fileno() returned a non-integer")
    if fd < 0:
        raise ValueError("file descriptor cannot be a negative integer (%d)" % fd)
    if hasattr(o, "_readable") or hasattr(o, "_rid"):
        return o
    if hasattr(o, "_sock"):  # a socket's makefile()
        return o._sock
    return _object(fd)


def _readable(o):
    if hasattr(o, "_readable"):
        return o._readable()
    import _concsim

    if o._rid is None:  # a multiprocessing Connection
        return False
    return _concsim.chan_poll(o._rid, 0)


def _writable(o):
    if hasattr(o, "_writable"):
        return o._writable()
    return o._wid is not None


def _one_channel(o):
    # The channel a wait on `o` alone can block on in the kernel, or None.
    if hasattr(o, "_readable"):
        if o._listening or o._unread or o._eof or o._fd == -1:
            return None
    return o._rid


def select(rlist, wlist, xlist, timeout=None):
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    if timeout is not None:
        if not isinstance(timeout, (int, float)):
            raise TypeError("timeout must be a float or None")
        if timeout < 0:
            raise ValueError("timeout must be non-negative")
    if not (rlist or wlist or xlist):
        if timeout is None:
            raise NotImplementedError("concsim does not support select.select without a timeout yet")
        _time.sleep(timeout)
        return [], [], []
    objects = {id(o): _object(o) for o in rlist + wlist + xlist}

    def ready():
        r = [o for o in rlist if _readable(objects[id(o)])]
        w = [o for o in wlist if _writable(objects[id(o)])]
        return r, w, []

    r, w, x = ready()
    if r or w or timeout == 0:
        return r, w, x
    if len(rlist) == 1 and not wlist:
        rid = _one_channel(objects[id(rlist[0])])
        if rid is not None:
            import _concsim

            _concsim.chan_poll(rid, timeout)
            return ready()
    def ready_or_none():
        r, w, x = ready()
        return (r, w, x) if r or w else None

    got = poll_until(ready_or_none, timeout, ask_first=False)
    return got if got is not None else ([], [], [])


POLL = 0.001


def poll_until(attempt, limit, ask_first=True):
    # attempt() until it gives something other than None, asking again every POLL seconds of
    # the machine's time, for at most `limit` seconds (None: no limit); None at the limit.
    # ask_first=False: the caller has just asked, so the first thing is a sleep.
    deadline = None if limit is None else _time.monotonic() + limit
    if ask_first:
        got = attempt()
        if got is not None:
            return got
    while True:
        if deadline is None:
            _time.sleep(POLL)
        else:
            left = deadline - _time.monotonic()
            if left <= 0:
                return None
            _time.sleep(min(POLL, left))
        got = attempt()
        if got is not None:
            return got
