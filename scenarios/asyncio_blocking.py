import asyncio
import time


async def ticker():
    for i in range(4):
        print(f'tick {i}')
        await asyncio.sleep(0.5)


async def blocking_work():
    time.sleep(1.2)  # blocks the whole event loop: no task runs meanwhile
    print('blocking work done')


async def threaded_work():
    await asyncio.to_thread(time.sleep, 1.2)  # a worker thread sleeps; the loop goes on
    print('threaded work done')


async def main():
    start = time.perf_counter()
    await asyncio.gather(ticker(), blocking_work())
    print(f'with time.sleep: {time.perf_counter() - start:.1f} s')

    start = time.perf_counter()
    await asyncio.gather(ticker(), threaded_work())
    print(f'with to_thread: {time.perf_counter() - start:.1f} s')


asyncio.run(main())
