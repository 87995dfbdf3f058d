import multiprocessing
import time
import os

def func(msg):
    print(" Sub-process(es) %s said %s." % (os.getpid(), msg))
    time.sleep(1)

if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=4)
    print("parent id is %s" % os.getpid())
    for i in range(10):
        msg = "hello %d" % (i)
        # 注意要用apply_async，如果用apply，就变成阻塞版本了
        # (use apply_async: apply would wait for each call in turn)
        pool.apply_async(func, (msg, ))
    pool.close()
    pool.join()
