# os.fork: the parent waits for each child, so the output order is fixed
import os, sys

parent = os.getpid()
print('Process start; fork returns twice', flush=True)
pid = os.fork()
if pid == 0:
    print('I am the child; my parent is the original process:', os.getppid() == parent)
    sys.stdout.flush()
    os._exit(7)
else:
    got, status = os.waitpid(pid, 0)
    print('parent waited for its child:', got == pid)
    print('WIFEXITED:', os.WIFEXITED(status), 'WEXITSTATUS:', os.WEXITSTATUS(status))

for code in (0, 3):
    pid = os.fork()
    if pid == 0:
        print('child exiting with', code)
        sys.stdout.flush()
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    print('reaped child, status', os.WEXITSTATUS(status))
print('parent done, is parent:', os.getpid() == parent)
