# The rarer functions of modules the page embeds (_thread, threading, subprocess), fetched on
# demand as the modules' lazy attributes (LAZY in src/vm/import.rs), so neither the page's
# first load nor an import of those modules pays for them.
# Invariant: each is written against its module's public names only.

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


for _f in (stack_size, interrupt_main):
    _f.__module__ = "_thread"
for _f in (getstatusoutput, getoutput):
    _f.__module__ = "subprocess"
