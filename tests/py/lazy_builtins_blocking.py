# zip, enumerate, map and filter over iterators that block (an executor's map, a pool's
# imap, a generator that waits on a queue) take their items as CPython does.
import concurrent.futures
import queue
import threading
import time


def slow_square(x):
    time.sleep(0.01 * (5 - x))
    return x * x


def from_queue(q):
    while True:
        item = q.get()
        if item is None:
            return
        yield item


if __name__ == "__main__":
    xs = [1, 2, 3, 4]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        for x, sq in zip(xs, ex.map(slow_square, xs)):
            print(x, sq)
        for i, sq in enumerate(ex.map(slow_square, xs), 1):
            print("#%d" % i, sq)
        print(list(map(lambda a, b: a + b, xs, ex.map(slow_square, xs))))
        print(list(filter(lambda v: v % 2, ex.map(slow_square, xs))))
        print(list(filter(None, ex.map(slow_square, [0, 1, 0, 2]))))

    q = queue.Queue()

    def producer():
        for v in "abc":
            time.sleep(0.01)
            q.put(v)
        q.put(None)

    threading.Thread(target=producer).start()
    print(list(zip(range(10), from_queue(q))))
    try:
        list(zip([1, 2], (v for v in [1]), strict=True))
    except ValueError as e:
        print("ValueError:", e)
    try:
        list(zip((v for v in [1]), [1, 2], [3, 4], strict=True))
    except ValueError as e:
        print("ValueError:", e)
    print(list(zip((v for v in "xy"), "xy", strict=True)))
