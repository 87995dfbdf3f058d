import asyncio


async def job(name, seconds):
    try:
        print(f'{name}: working for {seconds} s')
        await asyncio.sleep(seconds)
        print(f'{name}: finished')
        return name
    except asyncio.CancelledError:
        print(f'{name}: cancelled, cleaning up')
        raise


async def main():
    try:
        await asyncio.wait_for(job('report', 5), timeout=1)
    except TimeoutError:
        print('wait_for gave up after 1 s')

    backup = asyncio.create_task(job('backup', 3), name='backup')
    await asyncio.sleep(0.5)
    backup.cancel()
    try:
        await backup
    except asyncio.CancelledError:
        print('backup cancelled:', backup.cancelled())

    async with asyncio.timeout(2):
        print('result:', await job('quick', 1))


asyncio.run(main())
