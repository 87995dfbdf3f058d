# zip, map, filter and enumerate over generators whose items block (an executor's map,
# a generator that sleeps or waits on a queue): the items are produced as the loop asks.
import concurrent.futures
import queue
import threading
import time


def square(n):
    time.sleep(0.01 * (3 - n))
    return n * n


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as ex:
    for n, sq in zip([1, 2, 3], ex.map(square, [1, 2, 3])):
        print(n, sq)
    print(list(enumerate(ex.map(square, [2, 1]), start=1)))


def slow_numbers(k):
    for i in range(k):
        time.sleep(0.001)
        yield i


print(list(map(lambda a, b: a + b, slow_numbers(4), [10, 20, 30])))
print(list(filter(lambda x: x % 2, slow_numbers(5))), list(filter(None, slow_numbers(3))))
print(list(zip(slow_numbers(3), "abcd", slow_numbers(5))), list(zip()))

q = queue.Queue()


def producer():
    for i in range(3):
        q.put(i)
    q.put(None)


def drain():
    while (item := q.get()) is not None:
        yield item


threading.Thread(target=producer).start()
for i, item in enumerate(drain()):
    print("item", i, item)
try:
    list(zip(slow_numbers(2), slow_numbers(3), strict=True))
except ValueError as e:
    print("ValueError:", e)
