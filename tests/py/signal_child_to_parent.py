# A child signals its parent: first a handled SIGUSR1 that interrupts the parent's waitpid,
# then SIGTERM with its default action, which ends the parent (status 128 + 15).
import os, signal, time

signal.signal(signal.SIGUSR1, lambda s, f: print("parent got", signal.Signals(s).name))
pid = os.fork()
if pid == 0:
    time.sleep(0.1)
    os.kill(os.getppid(), signal.SIGUSR1)
    os._exit(0)
_, status = os.waitpid(pid, 0)
print("child exited", os.waitstatus_to_exitcode(status))

pid = os.fork()
if pid == 0:
    time.sleep(0.1)
    os.kill(os.getppid(), signal.SIGTERM)
    os._exit(0)
print("parent waits")
time.sleep(2)
print("not reached")
