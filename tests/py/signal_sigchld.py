# A SIGCHLD handler reaps children as they exit (the parent is told by the kernel).
import os, signal, time

reaped = []
def on_child(signum, frame):
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        reaped.append(os.waitstatus_to_exitcode(status))

signal.signal(signal.SIGCHLD, on_child)
for code in (3, 4):
    if os.fork() == 0:
        time.sleep(0.05 * code)
        os._exit(code)
while len(reaped) < 2:
    time.sleep(0.05)
print("reaped", sorted(reaped))
print(signal.getsignal(signal.SIGCHLD) is on_child)
