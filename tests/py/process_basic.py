# multiprocessing.Process with target/args, started and joined one at a time
from multiprocessing import Process
import os

def run_proc(name, n):
    print('child %s: sum = %d' % (name, sum(range(n))))

if __name__ == '__main__':
    parent = os.getpid()
    for name, n in [('a', 10), ('b', 20), ('c', 30)]:
        p = Process(target=run_proc, args=(name, n))
        print('starting', name, p.is_alive())
        p.start()
        p.join()
        print('joined', name, p.exitcode, p.is_alive())
    print('still the parent:', os.getpid() == parent)
