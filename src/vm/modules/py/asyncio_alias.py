# asyncio's submodules that concsim keeps inside asyncio itself (asyncio.exceptions,
# asyncio.events, asyncio.tasks, asyncio.queues, asyncio.locks, asyncio.futures,
# asyncio.runners...): each answers its names from asyncio (PEP 562). Fetched on demand.
import asyncio as _asyncio


def __getattr__(name):
    if not name.startswith("__"):
        try:
            return getattr(_asyncio, name)
        except AttributeError:
            pass
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
