# 10,000 asyncio tasks, each awaiting asyncio.sleep(0) ten times: the event loop's cost per
# task switch (issue 17's benchmark).
import asyncio


async def worker(i, counts):
    for _ in range(10):
        await asyncio.sleep(0)
    counts[0] += 1


async def main():
    counts = [0]
    await asyncio.gather(*(worker(i, counts) for i in range(10000)))
    print(counts[0], "tasks done")


asyncio.run(main())
