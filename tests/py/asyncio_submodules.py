# asyncio's submodules by name, as programs import them.
import asyncio
import asyncio.subprocess
from asyncio.subprocess import PIPE, STDOUT, DEVNULL
from asyncio.exceptions import CancelledError, IncompleteReadError, InvalidStateError
from asyncio.queues import Queue, QueueEmpty
from asyncio.locks import Lock, Event
from asyncio.tasks import gather, sleep
from asyncio.futures import Future
from asyncio.events import AbstractEventLoop, get_event_loop
from asyncio.runners import run
import asyncio.streams as streams

print(PIPE, STDOUT, DEVNULL, asyncio.subprocess.PIPE)
print(CancelledError is asyncio.CancelledError, asyncio.exceptions.TimeoutError is TimeoutError)
print(IncompleteReadError.__module__, IncompleteReadError.__mro__[1].__name__)
print(Queue is asyncio.Queue, Lock is asyncio.Lock, gather is asyncio.gather, Future is asyncio.Future)
print(streams.StreamReader is asyncio.StreamReader, asyncio.streams.open_connection is asyncio.open_connection)
print(asyncio.create_subprocess_exec is asyncio.subprocess.create_subprocess_exec)
print(asyncio.subprocess.__name__, asyncio.tasks.__name__, asyncio.queues.__name__)
print(asyncio.subprocess.Process.__name__)
try:
    from asyncio.exceptions import Nope
except ImportError as e:
    print('ImportError', e.msg if hasattr(e, 'msg') else e)


async def main():
    q = Queue()
    q.put_nowait(1)
    print(await q.get(), await gather(sleep(0, 'x')))


run(main())
