from multiprocessing import Pool
import os, time

# Does a Pool wait for close() before it runs the tasks? Every line carries the time since
# the start of the program, so the order of events can be read off the output.

def stamp():
    return '%4.2f s' % (time.time() - t0)

def task(name):
    print('%s  task %s starts in worker %s' % (stamp(), name, os.getpid()))
    time.sleep(0.5)
    print('%s  task %s ends' % (stamp(), name))

if __name__ == '__main__':
    t0 = time.time()
    p = Pool(4)
    for i in range(4):
        p.apply_async(task, args=(i,))
    print('%s  submitted 4 tasks; close() comes in 1 second' % stamp())
    time.sleep(1)
    print('%s  close()' % stamp())
    p.close()
    p.join()
    print('%s  join() returned' % stamp())
