# concsim's traceback module: the part of CPython 3.11's traceback.py that formats and prints
# exceptions (print_exc, format_exc, print_exception, format_exception,
# format_exception_only), in CPython's signatures.
# Invariant: the text is the VM's own (_concsim.format_exception), the one an uncaught
# exception and threading's excepthook print, so every way of showing an exception shows
# the same frames (CPython's stdlib frames where a prelude marks them). Not provided: frame
# and traceback objects (extract_tb, walk_tb, StackSummary, print_stack...); `limit` is
# accepted and ignored.

import sys
from _concsim import format_exception as _format

__all__ = ["print_exc", "format_exc", "print_exception", "format_exception",
           "format_exception_only"]

_sentinel = object()


def _exception(exc, value, tb):
    # CPython 3.10+: print_exception(exc) or the old print_exception(type, value, tb).
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError("Both or neither of value and tb must be given")
    if value is _sentinel:
        return exc
    return value


def _chunks(text):
    # CPython's list: the header, one string per frame (with its source and caret lines),
    # then the exception's lines.
    out = []
    for line in text.splitlines(keepends=True):
        if out and line.startswith("    ") and out[-1].startswith("  File "):
            out[-1] += line
        else:
            out.append(line)
    return out


def format_exception_only(exc, /, value=_sentinel):
    if value is _sentinel:
        value = exc
    if value is None:
        return ["NoneType: None\n"]
    etype = type(value)
    name = etype.__qualname__
    if etype.__module__ not in ("__main__", "builtins"):
        name = etype.__module__ + "." + name
    try:
        text = str(value)
    except Exception:
        text = "<exception str() failed>"
    return [name + ": " + text + "\n" if text else name + "\n"]


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    value = _exception(exc, value, tb)
    if value is None:
        return ["NoneType: None\n"]
    return _chunks(_format(value))


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for chunk in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(chunk, file=file, end="")


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exc_info()[1], limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exc_info()[1], limit=limit, file=file, chain=chain)
