import asyncio

async def worker(name, q, results):
    while True:
        delay = await q.get()
        await asyncio.sleep(delay)
        results.append((name, delay))
        q.task_done()

async def main():
    q = asyncio.Queue()
    for d in [0.3, 0.1, 0.2, 0.4, 0.05]:
        q.put_nowait(d)
    results = []
    tasks = [asyncio.create_task(worker(f"worker-{i}", q, results)) for i in range(3)]
    await q.join()
    for t in tasks:
        t.cancel()
    r = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(x).__name__ for x in r])
    print(results)
    loop = asyncio.get_running_loop()
    print(round(loop.time(), 1) >= 0)
    async def fail():
        await asyncio.sleep(0.1)
        raise KeyError("missing")
    await fail()

asyncio.run(main())
