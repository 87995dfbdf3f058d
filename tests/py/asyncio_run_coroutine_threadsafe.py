# asyncio.run_coroutine_threadsafe from another thread: result, exception, cancellation;
# the event loop policy.
import asyncio
import threading
import time

async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b

async def bad():
    raise KeyError('k')

async def forever():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('task cancelled')
        raise

def in_thread(loop):
    fut = asyncio.run_coroutine_threadsafe(add(1, 2), loop)
    print('thread got', fut.result(timeout=1))
    fut = asyncio.run_coroutine_threadsafe(bad(), loop)
    try:
        fut.result()
    except KeyError as e:
        print('KeyError', e)
    fut = asyncio.run_coroutine_threadsafe(forever(), loop)
    time.sleep(0.05)
    cancelled = fut.cancel()
    time.sleep(0.05)
    print(cancelled)
    loop.call_soon_threadsafe(print, 'called from thread')

async def main():
    loop = asyncio.get_running_loop()
    t = threading.Thread(target=in_thread, args=(loop,))
    t.start()
    await asyncio.sleep(0.2)
    t.join()
    print('main done')
    try:
        asyncio.run_coroutine_threadsafe(1, loop)
    except TypeError as e:
        print(e)

asyncio.run(main())
print(type(asyncio.get_event_loop_policy()).__name__)
try:
    asyncio.nope
except AttributeError as e:
    print(e)
from asyncio import run_coroutine_threadsafe
