import threading

part = [0, 0]
total = []
barrier = threading.Barrier(2)

def worker(i):
    part[i] = (i + 1) * 10
    barrier.wait()
    if i == 0:
        total.append(part[0] + part[1])

a = threading.Thread(target=worker, args=(0,))
b = threading.Thread(target=worker, args=(1,))
b.start()
a.start()
a.join()
b.join()
print(total[0])
