# The lost update of two asyncio tasks: each reads the counter, awaits, and writes it back.
# CPython runs the ready tasks first in, first out, so both read before either writes, every
# round: it always prints 3. Any other order of the task switches at the await prints up to 6.
import asyncio

counter = 0

async def work():
    global counter
    for _ in range(3):
        v = counter
        await asyncio.sleep(0)
        counter = v + 1

async def main():
    await asyncio.gather(work(), work())
    print(counter)

asyncio.run(main())
