# "Task was destroyed but it is pending!": a loop closed by hand (not asyncio.run, which
# cancels what is left) frees its ready queue, and a task whose first step waits there is
# destroyed at once, its coroutine never awaited; a task waiting for a future is in a cycle
# with it, freed by the garbage collector at exit. "Future exception was never retrieved":
# a future given an exception that nobody asked for.
import asyncio


async def work(n):
    print("work", n)
    await asyncio.sleep(1)
    print("never")


async def main():
    print("main")
    await asyncio.sleep(0)


loop = asyncio.new_event_loop()
loop.create_task(work(1))
loop.run_until_complete(main())
loop.create_task(work(2), name="late")
fut = loop.create_future()
fut.set_exception(ValueError("lost"))
fut = None
kept = loop.create_future()
kept.set_exception(KeyError("asked"))
print("asked:", repr(kept.exception()))
print("before close")
loop.close()
print("closed")
