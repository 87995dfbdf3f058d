# default thread names: Thread-N (target), explicit names, current_thread().name
import threading

def worker():
    print('running in', threading.current_thread().name)

def other():
    print('other in', threading.current_thread().name)

print('main is', threading.current_thread().name)
t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker, name='Named')
t3 = threading.Thread(target=other)
t4 = threading.Thread()
print(t1.name, '|', t2.name, '|', t3.name, '|', t4.name)
for t in (t1, t2, t3, t4):
    t.start()
    t.join()
t3.name = 'Renamed'
print(t3.name, t3.is_alive(), t1.daemon)
t5 = threading.Thread(target=lambda: print('lambda thread', threading.current_thread().name))
t5.start()
t5.join()
print(t5.name)
