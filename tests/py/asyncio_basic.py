import asyncio, time

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
    return what.upper()

async def main():
    t0 = time.monotonic()
    print("started")
    r = await say_after(0.1, "hello")
    print(r)
    t1 = asyncio.create_task(say_after(0.2, "two"))
    t2 = asyncio.create_task(say_after(0.1, "one"))
    await t1
    await t2
    print("took", round((time.monotonic() - t0) * 10))
    res = await asyncio.gather(say_after(0.05, "a"), say_after(0.02, "b"), say_after(0.03, "c"))
    print(res)
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.05)
    except asyncio.TimeoutError:
        print("timed out")
    q = asyncio.Queue()
    async def producer():
        for i in range(3):
            await q.put(i)
            print("put", i)
            await asyncio.sleep(0)
        await q.put(None)
    async def consumer():
        while True:
            item = await q.get()
            if item is None:
                break
            print("got", item)
    await asyncio.gather(producer(), consumer())
    lock = asyncio.Lock()
    counter = 0
    async def inc():
        nonlocal counter
        async with lock:
            v = counter
            await asyncio.sleep(0)
            counter = v + 1
    await asyncio.gather(*(inc() for _ in range(5)))
    print("counter", counter)
    task = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled", task.cancelled())
    ev = asyncio.Event()
    async def waiter():
        await ev.wait()
        print("event seen")
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    ev.set()
    await w
    r = await asyncio.gather(asyncio.sleep(0.1, "x"), asyncio.sleep(0.05, "y"), return_exceptions=True)
    print(r)
    async def boom():
        raise ValueError("bad")
    r = await asyncio.gather(boom(), asyncio.sleep(0, 1), return_exceptions=True)
    print(r)
    done, pending = await asyncio.wait([asyncio.create_task(asyncio.sleep(0.1, 1)), asyncio.create_task(asyncio.sleep(1, 2))], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    for p in pending:
        p.cancel()
    print(asyncio.current_task().get_name())
    for f in asyncio.as_completed([say_after(0.3, "slow"), say_after(0.1, "fast")]):
        print("completed", await f)

asyncio.run(main())
