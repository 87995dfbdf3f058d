# a child process gets a copy of the parent's memory: its changes stay in the child
from multiprocessing import Process

counter = 0
items = ['parent']

def child():
    global counter
    counter += 100
    items.append('child')
    print('in child:', counter, items)

if __name__ == '__main__':
    counter = 1
    p = Process(target=child)
    p.start()
    p.join()
    print('in parent:', counter, items)
