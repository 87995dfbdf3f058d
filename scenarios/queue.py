from multiprocessing import Process, Queue
import os, time, random

# 写数据进程执行的代码 (the writer process):
def write(q):
    print('Process to write: %s' % os.getpid())
    for value in ['A', 'B', 'C']:
        print('Put %s to queue...' % value)
        q.put(value)
        time.sleep(random.random())

# 读数据进程执行的代码 (the reader process):
def read(q):
    print('Process to read: %s' % os.getpid())
    while True:
        value = q.get(True)
        print('Get %s from queue.' % value)

if __name__=='__main__':
    # 父进程创建Queue，并传给各个子进程 (the parent creates the Queue and hands it to both children):
    q = Queue()
    pw = Process(target=write, args=(q,))
    pr = Process(target=read, args=(q,))
    # 启动子进程pw，写入 (start the writer):
    pw.start()
    # 启动子进程pr，读取 (start the reader):
    pr.start()
    # 等待pw结束 (wait for the writer to end):
    pw.join()
    # pr进程里是死循环，无法等待其结束，只能强行终止 (the reader loops forever: terminate it):
    pr.terminate()
