# asyncio.timeout / timeout_at (3.11): expiry turns the block's cancellation into TimeoutError,
# reschedule, expired(), nesting, an outer cancel that is not the timeout's, and the errors.
import asyncio


async def work(n, label):
    await asyncio.sleep(n)
    return label


def elapsed(loop, start):
    """The time since start, to the tenth of a second below (CPython's clock is the real one)."""
    return int((loop.time() - start) * 10) / 10


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(0.05) as cm:
            await work(1, "slow")
    except TimeoutError as e:
        print("timed out", type(e.__cause__).__name__, cm.expired(), elapsed(loop, start))
    async with asyncio.timeout(1) as cm:
        print("fast:", await work(0.01, "fast"))
    print("expired?", cm.expired())
    async with asyncio.timeout(None) as cm:
        print("no deadline", cm.when())
        cm.reschedule(loop.time() + 5)
        print("rescheduled", cm.when() > loop.time())
        await work(0.01, "x")
    try:
        async with asyncio.timeout_at(loop.time() + 0.02) as cm:
            cm.reschedule(loop.time() + 0.03)
            await work(1, "slow")
    except TimeoutError:
        print("timeout_at expired", elapsed(loop, start))
    # Nested: the inner one expires first and only it raises.
    try:
        async with asyncio.timeout(0.3):
            try:
                async with asyncio.timeout(0.01):
                    await work(1, "inner")
            except TimeoutError:
                print("inner timed out")
            await work(2, "outer")
    except TimeoutError:
        print("outer timed out", elapsed(loop, start))
    # Expired already at entry.
    try:
        async with asyncio.timeout(-1):
            await asyncio.sleep(0)
    except TimeoutError:
        print("negative delay times out")

    # A cancel from outside stays a CancelledError.
    async def victim():
        async with asyncio.timeout(10):
            await asyncio.sleep(1)

    t = asyncio.create_task(victim())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancel kept", t.cancelled())
    cm = asyncio.timeout(1)
    try:
        cm.reschedule(3)
    except RuntimeError as e:
        print("RuntimeError:", e)
    async with cm:
        pass
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        cm.reschedule(3)
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
