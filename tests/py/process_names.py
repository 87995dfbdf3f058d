# current_process().name: MainProcess, Process-1, Process-2, ...
import multiprocessing
from multiprocessing import Process, current_process

def show(tag):
    print(tag, current_process().name)

if __name__ == '__main__':
    print('main:', current_process().name)
    p1 = Process(target=show, args=('first',))
    p2 = Process(target=show, args=('second',), name='Custom')
    p3 = Process(target=show, args=('third',))
    print(p1.name, p2.name, p3.name)
    for p in (p1, p2, p3):
        p.start()
        p.join()
    print(multiprocessing.current_process().name, multiprocessing.parent_process())
