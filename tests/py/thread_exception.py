# an exception in a thread is reported on stderr; the program goes on and exits 0
import threading

def f():
    print('thread starting')
    raise ValueError('boom in thread')

t = threading.Thread(target=f)
t.start()
t.join()
print('main continues; thread alive:', t.is_alive())
