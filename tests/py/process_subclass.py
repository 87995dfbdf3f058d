# subclassing multiprocessing.Process
import multiprocessing

class Worker(multiprocessing.Process):
    def __init__(self, count):
        super().__init__()
        self.count = count

    def run(self):
        print('%s counting to %d' % (self.name, self.count))
        for i in range(self.count):
            print(' ', i)

class Named(multiprocessing.Process):
    def __init__(self):
        multiprocessing.Process.__init__(self, name='named-proc')

    def run(self):
        print('I am', multiprocessing.current_process().name)

if __name__ == '__main__':
    w = Worker(3)
    w.start()
    w.join()
    n = Named()
    n.start()
    n.join()
    print(w.exitcode, n.exitcode, w.name, n.name)
