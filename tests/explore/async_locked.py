# The same counter with an asyncio.Lock held across the await: every order prints 6.
import asyncio

counter = 0

async def work(lock):
    global counter
    for _ in range(3):
        async with lock:
            v = counter
            await asyncio.sleep(0)
            counter = v + 1

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(work(lock), work(lock))
    print(counter)

asyncio.run(main())
