import multiprocessing
from multiprocessing import Queue
import random

import time

# The tutorial's loops never end and sleep 10, 1, 5 and 5 seconds; here every sleep is a
# tenth of that and the main process stops the three children after 3 seconds.

que = Queue()

class ProduceMethod(multiprocessing.Process):

    def __init__(self, name, que):
        multiprocessing.Process.__init__(self)
        self.data = que
        self.name = "Process%s" % name

    def run(self):
        while True:
            if self.data.qsize() < 2:
                self.do_produce(self.name)
                time.sleep(1)
            else:
                print("queue is %s, stop produce" % self.data.qsize())
                time.sleep(0.1)

    def do_produce(self, name):
        print("Before produce, the queue size is %s" % self.data.qsize())
        product = random.randint(0, 10)
        self.data.put(product)
        print("%s produce product -- %s, after produce, queue is %s now" % (name, product, self.data.qsize()))

class ConsumeMethodEven(multiprocessing.Process):
    def __init__(self, name, que):
        multiprocessing.Process.__init__(self)
        self.data = que
        self.name = "Thread %s" % name

    def run(self):
        while True:

            if self.data.qsize() > 0:
                self.do_consume(self.name)
                time.sleep(0.5)
            else:
                print("queue is %s, stop consume" % self.data.qsize())
                time.sleep(0.5)

    def do_consume(self, name):
        print("before consume,the quque size is %s" % self.data.qsize())
        product = self.data.get()
        if product % 2 == 0:
            print("%s consume product -- %s, after consume, queue is %s now" % (name, product, self.data.qsize()))

if __name__ == "__main__":

    children = []
    for i in range(2):
        p1 = ProduceMethod(i, que)
        p1.start()
        children.append(p1)
    c1 = ConsumeMethodEven(1, que)
    c1.start()
    children.append(c1)
    # Not in the tutorial: stop the endless loops after 3 seconds.
    time.sleep(3)
    for p in children:
        p.terminate()
        p.join()
    print("stopped", [p.name for p in children], "exit codes", [p.exitcode for p in children])
