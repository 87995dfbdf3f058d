# An exception escaping asyncio.run: CPython's frames of asyncio/runners.py and
# base_events.py sit between the program's line and its coroutines' frames.
import asyncio


async def fetch(n):
    await asyncio.sleep(0.01)
    return 1 / n


async def main():
    print(await fetch(2))
    await fetch(0)


asyncio.run(main())
