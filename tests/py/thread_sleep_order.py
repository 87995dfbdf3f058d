# time.sleep decides the order in which threads print
import threading, time

def say(msg, delay):
    time.sleep(delay)
    print(msg)

ts = [threading.Thread(target=say, args=('third', 0.3)),
      threading.Thread(target=say, args=('first', 0.0)),
      threading.Thread(target=say, args=('second', 0.15))]
for t in ts:
    t.start()
for t in ts:
    t.join()
print('all done')
