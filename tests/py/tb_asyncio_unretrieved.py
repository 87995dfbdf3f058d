# "Task exception was never retrieved": a task that failed and whose exception nobody asked
# for is reported (message, the task's repr, the traceback) when it goes away with its loop;
# a task whose exception was retrieved, or that was awaited, is not.
import asyncio


async def child():
    await asyncio.sleep(1)
    return 1


async def boom(n):
    await asyncio.sleep(0)
    raise ValueError("never retrieved %d" % n)


async def main():
    asyncio.create_task(child())
    asyncio.create_task(boom(1))
    seen = asyncio.create_task(boom(2))
    awaited = asyncio.create_task(boom(3))
    await asyncio.sleep(0.1)
    print("seen:", repr(seen.exception()))
    try:
        await awaited
    except ValueError as e:
        print("awaited:", e)
    print("main done")

asyncio.run(main())
print("after run")
