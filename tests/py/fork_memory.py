# after os.fork each process has its own copy of every variable
import os, sys

value = 10
data = {'owner': 'parent'}
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    value += 1
    data['owner'] = 'child'
    print('child sees', value, data)
    sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)
print('parent sees', value, data)

def child_exit():
    print('child uses sys.exit(2)')
    sys.exit(2)

pid = os.fork()
if pid == 0:
    child_exit()
_, status = os.waitpid(pid, 0)
print('exit status', os.WEXITSTATUS(status))
