# The rarer functions of modules the page embeds (_thread, subprocess), fetched on demand
# through each one's module __getattr__, so the page's first load does not carry them.
# Invariant: each is written against its module's public names only, and an unknown name
# raises the AttributeError CPython's module would.

import sys


_stack = 0


def stack_size(size=0):
    global _stack
    if size and size < 32768:
        raise ValueError("size not valid: %d bytes" % size)
    old, _stack = _stack, size
    return old


def interrupt_main(signum=2):
    # The handler runs in the main thread as if the signal came; none if not Python's.
    import signal
    if callable(signal.getsignal(signum)):
        import os
        os.kill(os.getpid(), signum)


def getstatusoutput(cmd, *, encoding=None, errors=None):
    import subprocess
    p = subprocess.run(cmd, shell=True, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       encoding=encoding, errors=errors)
    data = p.stdout
    return p.returncode, data[:-1] if data[-1:] == "\n" else data


def getoutput(cmd, *, encoding=None, errors=None):
    return getstatusoutput(cmd, encoding=encoding, errors=errors)[1]


_ATTRS = {
    "_thread": ("stack_size", "interrupt_main"),
    "subprocess": ("getstatusoutput", "getoutput"),
}


def attr(module, name):
    if name in _ATTRS.get(module, ()):
        f = globals()[name]
        f.__module__ = module
        return f
    raise AttributeError("module '%s' has no attribute '%s'" % (module, name))
