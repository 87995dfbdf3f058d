# concsim's getpass: getpass(prompt, stream), getuser() and GetPassWarning, in CPython 3.11's
# unix design. The simulated machine has no terminal, so getpass always takes CPython's
# tty-less path: a GetPassWarning ("Can not control echo on the terminal."), then
# "Warning: Password input may be echoed." and the prompt on stream (sys.stderr by default),
# then one line read from sys.stdin (EOFError at its end), then a newline on stream.
# getuser() reads LOGNAME, USER, LNAME, USERNAME in that order, as CPython does.
# Invariant: nothing is read but sys.stdin and nothing written but stream.
# Not supported: echo control on a terminal (there is none to control).

import os
import sys
import warnings

__all__ = ["getpass", "getuser", "GetPassWarning"]


class GetPassWarning(UserWarning):
    pass


# The line of CPython's unix_getpass calling fallback_getpass, where its warning points.
_at = [None]
_registry = {}


def unix_getpass(prompt="Password: ", stream=None):
    # CPython first opens /dev/tty, which the simulated machine does not have.
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, ValueError):
        fd = None
        _at[0] = 62
        passwd = fallback_getpass(prompt, stream)  # cpython-line 62
    if not stream:
        stream = sys.stderr
    if fd is not None:
        # CPython's termios.tcgetattr(fd) fails: stdin is no terminal.
        _at[0] = 91
        passwd = fallback_getpass(prompt, stream)  # cpython-line 91
    stream.write("\n")
    return passwd


def fallback_getpass(prompt="Password: ", stream=None):
    message = "Can not control echo on the terminal."
    at, _at[0] = _at[0], None
    if at:
        # Called by unix_getpass: the warning names CPython's line there (no source shown).
        warnings.warn_explicit(message, GetPassWarning, "/usr/lib/python3.11/getpass.py", at, "getpass", _registry)
    else:
        warnings.warn(message, GetPassWarning, stacklevel=2)
    if not stream:
        stream = sys.stderr
    print("Warning: Password input may be echoed.", file=stream)
    return _raw_input(prompt, stream)  # cpython-line 126


def _raw_input(prompt="", stream=None, input=None):
    if not stream:
        stream = sys.stderr
    if not input:
        input = sys.stdin
    prompt = str(prompt)
    if prompt:
        stream.write(prompt)
        stream.flush()
    line = input.readline()
    if not line:
        raise EOFError  # cpython-line 148
    if line[-1] == "\n":
        line = line[:-1]
    return line


def getuser():
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        user = os.environ.get(name)
        if user:
            return user
    # CPython asks the password database for os.getuid(): the simulated machine runs as root.
    return "root"


getpass = unix_getpass
