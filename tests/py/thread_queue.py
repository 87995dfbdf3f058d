# producer/consumer threads with queue.Queue
import threading, queue

q = queue.Queue()

def producer():
    for i in range(5):
        q.put(i * i)
    q.put(None)

def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        print('consumed', item)
    print('consumer done')

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
p.join()
c.join()
print('empty:', q.empty(), 'size:', q.qsize())
try:
    q.get(block=False)
except queue.Empty:
    print('queue.Empty raised')
