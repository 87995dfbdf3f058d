# A signal interrupts the main thread's wait on a multiprocessing queue: the handler runs,
# then the get goes on and receives the item the child puts afterwards.
import os, signal, time
import multiprocessing as mp

def child(q):
    time.sleep(0.1)
    os.kill(os.getppid(), signal.SIGUSR1)
    time.sleep(0.1)
    q.put("item")

got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s) or print("handler ran, waiting still"))
q = mp.Queue()
p = mp.Process(target=child, args=(q,))
p.start()
print("got", q.get())
p.join()
print(got, p.exitcode)
