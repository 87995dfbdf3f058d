# threading.Thread with target and args, start/join one at a time
import threading

results = []

def work(name, n, verbose=True):
    total = 0
    for i in range(n):
        total += i
    if verbose:
        print('worker %s computed %d' % (name, total))
    results.append((name, total))

for name, n in [('a', 10), ('b', 100), ('c', 1000)]:
    t = threading.Thread(target=work, args=(name, n))
    t.start()
    t.join()
    print('joined', name, t.is_alive())
print(results)

# these four run concurrently, so they do not print: the order would be up to the scheduler
threads = [threading.Thread(target=work, args=(str(i),), kwargs={'n': i, 'verbose': False})
           for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print(threading.active_count(), threading.current_thread() is threading.main_thread())
