# What the reports show of a task: its name, its coroutine and where it stands, and the
# future it waits for with the callback that wakes it; a pending task's repr says the same.
import asyncio
import sys


async def waiter(ev):
    await ev.wait()


async def sleeper():
    await asyncio.sleep(5)


async def main():
    await asyncio.sleep(0)
    print("main done")


loop = asyncio.new_event_loop()
ev = asyncio.Event()
t1 = loop.create_task(waiter(ev), name="waiter")
t2 = loop.create_task(sleeper())
loop.run_until_complete(main())
# (to stderr: the reprs hold the program's path, which the recordings shorten there)
print(t1, file=sys.stderr)
print(t2, file=sys.stderr)
loop.close()
print("closed")
