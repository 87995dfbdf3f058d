import asyncio
import time


async def fetch(name, seconds):
    print(f'{name}: start')
    await asyncio.sleep(seconds)
    print(f'{name}: done after {seconds} s')
    return name


async def main():
    start = time.perf_counter()
    await fetch('a', 1)
    await fetch('b', 2)
    print(f'one after the other: {time.perf_counter() - start:.1f} s')

    start = time.perf_counter()
    results = await asyncio.gather(fetch('c', 1), fetch('d', 2))
    print(f'gather {results}: {time.perf_counter() - start:.1f} s')


asyncio.run(main())
