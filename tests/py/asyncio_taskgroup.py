# asyncio.TaskGroup (3.11): results, the first failure cancelling siblings and the parent,
# errors gathered in an ExceptionGroup, except* over them, a failure in the body itself,
# KeyboardInterrupt-like base errors alone, create_task on a group not entered / finished.
import asyncio


async def work(name, delay, fail=None):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print("  cancelled", name, "at", round(asyncio.get_running_loop().time() - T0, 1))
        raise
    if fail:
        raise fail
    print("  done", name)
    return name


async def all_ok():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(work("a", 0.2))
        b = tg.create_task(work("b", 0.1))
        print("  group:", repr(tg))
    print("results", a.result(), b.result(), repr(tg))


async def one_fails():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("slow", 1))
            tg.create_task(work("bad", 0.1, ValueError("bad value")))
            await asyncio.sleep(2)
            print("  not reached")
    except* ValueError as eg:
        print("caught", repr(eg), [repr(e) for e in eg.exceptions])


async def two_fail():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("v", 0.1, ValueError(1)))
            tg.create_task(work("t", 0.1, TypeError(2)))
            tg.create_task(work("long", 1))
    except ExceptionGroup as eg:
        print("caught", eg, eg.exceptions)


async def body_fails():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("child", 1))
            await asyncio.sleep(0.1)
            raise KeyError("in body")
    except* KeyError as eg:
        print("caught", repr(eg))


async def nested_cancel():
    task = asyncio.current_task()
    async def canceller():
        await asyncio.sleep(0.1)
        task.cancel()
    asyncio.get_running_loop().create_task(canceller())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("inner", 1))
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("parent cancelled from outside, cancelling =", task.cancelling())
        task.uncancel()


async def misuse():
    tg = asyncio.TaskGroup()
    coro = work("x", 0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError", e)
    coro.close()
    async with tg:
        pass
    coro = work("y", 0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError", e)
    coro.close()
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print("RuntimeError", e)


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    for f in [all_ok, one_fails, two_fail, body_fails, nested_cancel, misuse]:
        print(f.__name__)
        T0 = asyncio.get_running_loop().time()
        await f()


asyncio.run(main())


async def uncaught():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work("z", 0.1, OSError("gone")))
        tg.create_task(work("w", 0.2, LookupError("missing")))

asyncio.run(uncaught())
