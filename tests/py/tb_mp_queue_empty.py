# multiprocessing.Queue.get with a timeout, or without blocking, on an empty queue.
import multiprocessing
import queue

if __name__ == "__main__":
    q = multiprocessing.Queue()
    try:
        q.get_nowait()
    except queue.Empty:
        print("empty")
    q.get(timeout=0.05)
