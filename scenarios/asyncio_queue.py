import asyncio
import random

# The tutorials' producer/consumer, with asyncio: two producers and one consumer are tasks
# of one thread sharing an asyncio.Queue that holds at most 2 products. A task runs until
# it reaches an await that has to wait; then the event loop runs the next ready one.


async def produce(name, queue):
    for _ in range(3):
        product = random.randint(0, 10)
        await queue.put(product)  # waits while the queue is full
        print(f'{name} produced {product}, queue holds {queue.qsize()}')
        await asyncio.sleep(0.1)


async def consume(queue):
    while True:
        product = await queue.get()  # waits while the queue is empty
        print(f'consumer got {product}, queue holds {queue.qsize()}')
        await asyncio.sleep(0.25)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    consumer = asyncio.create_task(consume(queue), name='consumer')
    producers = [asyncio.create_task(produce(f'producer-{i}', queue), name=f'producer-{i}') for i in range(2)]
    await asyncio.gather(*producers)
    print('producers done; waiting until every product is consumed')
    await queue.join()
    consumer.cancel()
    try:
        await consumer
    except asyncio.CancelledError:
        print('consumer cancelled:', consumer.cancelled())


asyncio.run(main())
