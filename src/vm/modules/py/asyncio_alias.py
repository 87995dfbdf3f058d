# asyncio's submodules that concsim keeps inside asyncio itself (asyncio.exceptions,
# asyncio.events, asyncio.tasks, asyncio.queues, asyncio.locks, asyncio.futures,
# asyncio.runners...): each answers its names from asyncio (PEP 562). Fetched on demand; it
# also holds `_lazy`, which asyncio's own `__getattr__` asks for the names asyncio has from
# its on-demand submodules (asyncio.subprocess, asyncio.streams), so that the page's
# embedded asyncio stays small.
import asyncio as _asyncio

_SUBMODULES = ("base_events", "coroutines", "events", "exceptions", "futures", "locks", "queues", "runners",
               "streams", "subprocess", "taskgroups", "tasks", "timeouts")
_FROM = {
    "create_subprocess_exec": "subprocess", "create_subprocess_shell": "subprocess",
    "StreamReader": "streams", "StreamWriter": "streams", "StreamReaderProtocol": "streams",
    "open_connection": "streams", "start_server": "streams", "IncompleteReadError": "streams",
    "LimitOverrunError": "streams", "Server": "streams",
}

__file__ = "/usr/lib/python3.11/asyncio/%s.py" % __name__[8:]


def _lazy(name):
    # asyncio.NAME that asyncio does not hold: a submodule, or a name of one fetched on demand.
    import importlib
    if name in _SUBMODULES:
        return importlib.import_module("asyncio." + name)
    if name in _FROM:
        return getattr(importlib.import_module("asyncio." + _FROM[name]), name)
    raise AttributeError("module 'asyncio' has no attribute %r" % name)


def __getattr__(name):
    if not name.startswith("__"):
        try:
            return getattr(_asyncio, name)
        except AttributeError:
            pass
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
