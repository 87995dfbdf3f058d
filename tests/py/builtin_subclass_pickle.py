# Builtin subclass instances crossing processes (pickled with their value), and subclasses of queue.Queue, Counter, defaultdict, OrderedDict.
import multiprocessing as mp
import queue
from collections import OrderedDict, defaultdict, Counter


class Point(tuple):
    @property
    def x(self):
        return self[0]


class Bag(dict):
    pass


def child(q):
    p = q.get()
    b = q.get()
    q2 = q.get()
    print("child", p, p.x, type(p).__name__, p[0] + p[1], b, type(b).__name__, b.label)


class MyQueue(queue.Queue):
    def put_twice(self, x):
        self.put(x)
        self.put(x)


class MyCounter(Counter):
    def top(self):
        return self.most_common(1)[0]


class MyDefault(defaultdict):
    pass


class MyOrdered(OrderedDict):
    pass


if __name__ == "__main__":
    q = mp.Queue()
    b = Bag(a=1)
    b.label = "L"
    q.put(Point((3, 4)))
    q.put(b)
    q.put(None)
    pr = mp.Process(target=child, args=(q,))
    pr.start()
    pr.join()
    mq = MyQueue()
    mq.put_twice(5)
    print(mq.qsize(), mq.get())
    print(MyCounter("aab").top(), MyDefault(list, a=[1])["b"], list(MyOrdered(x=1, y=2)))
