# exit codes of child processes: normal end, uncaught exception, sys.exit(n), sys.exit(msg)
import multiprocessing, sys

def ok():
    print('ok child')

def fails():
    raise ValueError('child failed')

def exits():
    sys.exit(5)

def exits_msg():
    sys.exit('child says goodbye')

def exits_zero():
    sys.exit(0)

if __name__ == '__main__':
    for fn in (ok, fails, exits, exits_zero, exits_msg):
        p = multiprocessing.Process(target=fn)
        print('before start:', p.exitcode)
        p.start()
        p.join()
        print(fn.__name__, '->', p.exitcode)
    print('parent exits normally')
