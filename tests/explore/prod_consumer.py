import threading
import queue

# A small producer/consumer (a thread variant of scenarios/prod_consumer.py): one producer
# puts two products on a queue, two consumers take one each and say which.
q = queue.Queue()

def produce():
    for product in (1, 2):
        q.put(product)

def consume(name):
    product = q.get()
    print(name, "got", product)

threads = [threading.Thread(target=produce)]
threads += [threading.Thread(target=consume, args=(name,)) for name in ("A", "B")]
for t in threads:
    t.start()
for t in threads:
    t.join()
