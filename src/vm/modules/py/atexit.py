# concsim's atexit: CPython 3.11's register/unregister/_run_exitfuncs/_clear/_ncallbacks.
# Invariant: callbacks run last registered first when the process's main thread ends
# (after threading's join of non-daemon threads, as in CPython), once each; an exception in
# one is reported as CPython reports it and the others still run.

import sys as _sys
import _concsim

_exithandlers = []
_hooked = False


def register(func, *args, **kwargs):
    global _hooked
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _exithandlers.append((func, args, kwargs))
    if not _hooked:
        _hooked = True
        _concsim.atexit_register(_run_exitfuncs)
    return func


def unregister(func):
    _exithandlers[:] = [h for h in _exithandlers if h[0] != func]


def _clear():
    del _exithandlers[:]


def _ncallbacks():
    return len(_exithandlers)


def _run_exitfuncs():
    while _exithandlers:
        func, args, kwargs = _exithandlers.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as exc:
            _sys.stderr.write("Exception ignored in atexit callback: %r\n" % (func,))
            _sys.stderr.write(_concsim.format_exception(exc))
