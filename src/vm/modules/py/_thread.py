# concsim's _thread: CPython 3.11's low-level thread API (start_new_thread, allocate_lock,
# get_ident…) on the simulator's kernel calls (_concsim, which the other preludes use).
# Invariant: a thread started here is not joined at exit (CPython's interpreter shutdown
# does not wait for it), and an exception it does not catch is reported the way CPython's
# thread module reports it.

from _concsim import *
from _concsim import start_thread as _start_thread, ident_of as _ident_of
from _concsim import format_exception as _format_exception
import sys as _sys

error = RuntimeError


def start_new_thread(function, args, kwargs=None):
    if not callable(function):
        raise TypeError("first arg must be callable")
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")

    def _run():
        try:
            if kwargs:
                function(*args, **kwargs)
            else:
                function(*args)
        except SystemExit:
            pass
        except BaseException as exc:
            _sys.stderr.write("Exception ignored in thread started by: %r\n" % (function,))
            _sys.stderr.write(_format_exception(exc))

    # CPython returns at once, still holding the GIL: the new thread runs after.
    return _ident_of(_start_thread(_run, "", True, True))


start_new = start_new_thread
allocate = allocate_lock


def exit():
    raise SystemExit


exit_thread = exit
