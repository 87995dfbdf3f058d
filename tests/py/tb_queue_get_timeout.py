# queue.Queue.get(timeout=...) on an empty queue, uncaught: the traceback ends in queue.py.
import queue

q = queue.Queue()
q.put("a")
print(q.get(timeout=0.01))
q.get(timeout=0.01)
