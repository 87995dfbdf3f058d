# releasing an unlocked Lock is a RuntimeError
import threading

lock = threading.Lock()
lock.acquire()
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print('RuntimeError:', e)

def release_from_other():
    lock.release()
    print('another thread may release a plain Lock')

lock.acquire()
t = threading.Thread(target=release_from_other)
t.start()
t.join()
print(lock.locked())
