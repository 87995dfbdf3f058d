# asyncio.Barrier (3.11) and asyncio.Runner: parties meeting in rounds, indexes, n_waiting,
# reset and abort breaking the waiters, and one Runner's loop over several run() calls.
import asyncio


async def party(b, name, rounds, log):
    for r in range(rounds):
        await asyncio.sleep(0.01 * (len(name)))
        i = await b.wait()
        log.append((r, name, i))


async def rounds():
    b = asyncio.Barrier(3)
    print(b.parties, b.n_waiting, b.broken)
    log = []
    await asyncio.gather(*(party(b, n, 2, log) for n in ["a", "bb", "ccc"]))
    print(log)
    print(b.n_waiting, b.broken)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("ValueError", e)


async def waiter(b, name):
    try:
        async with b as i:
            print(name, "passed", i)
    except asyncio.BrokenBarrierError as e:
        print(name, "BrokenBarrierError", e)


async def breaking():
    b = asyncio.Barrier(3)
    ts = [asyncio.create_task(waiter(b, n)) for n in ["x", "y"]]
    await asyncio.sleep(0.1)
    print("waiting", b.n_waiting)
    await b.reset()
    await asyncio.gather(*ts)
    print("after reset", b.n_waiting, b.broken)
    ts = [asyncio.create_task(waiter(b, n)) for n in ["p", "q"]]
    await asyncio.sleep(0.1)
    await b.abort()
    await asyncio.gather(*ts)
    print("broken", b.broken)
    await waiter(b, "late")


async def count(n):
    await asyncio.sleep(n)
    return asyncio.get_running_loop().time()


with asyncio.Runner() as runner:
    runner.run(rounds())
    runner.run(breaking())
    loop = runner.get_loop()
    t0 = loop.time()
    t1 = runner.run(count(0.1))
    t2 = runner.run(count(0.2))
    print(round(t1 - t0, 1), round(t2 - t0, 1), runner.get_loop() is loop)
    try:
        runner.run(5)
    except ValueError as e:
        print("ValueError", e)
c = count(0)
try:
    runner.run(c)
except RuntimeError as e:
    print("RuntimeError", e)
c.close()
print(loop.is_closed())
