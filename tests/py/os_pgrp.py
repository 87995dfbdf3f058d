# Process groups and sessions: a new group, children that inherit it, killpg of a group
# of workers, setsid in a child; only relations that hold however python3 was started.
import os, signal, time

os.setpgrp()
me = os.getpid()
print("leader of my group:", os.getpgrp() == me, os.getpgid(0) == me, os.getpgid(me) == me)
try:
    os.setsid()
except PermissionError as e:
    print("setsid as group leader:", e)

pid = os.fork()
if pid == 0:
    print("child in parent's group:", os.getpgrp() == os.getppid())
    sid = os.setsid()
    print("setsid returns", sid)
    print("child's new session:", os.getsid(0) == os.getpid(), os.getpgrp() == os.getpid())
    os._exit(0)
os.waitpid(pid, 0)

# Workers in a group of their own: the first is its leader, the others join it.
workers = []
for i in range(3):
    pid = os.fork()
    if pid == 0:
        while True:
            time.sleep(0.01)
    workers.append(pid)
    os.setpgid(pid, workers[0])
print("workers grouped:", all([os.getpgid(w) == workers[0] for w in workers]))
time.sleep(0.1)
os.killpg(workers[0], signal.SIGTERM)
for w in workers:
    _, status = os.waitpid(w, 0)
    print("worker killed by", os.WTERMSIG(status), os.waitstatus_to_exitcode(status))
try:
    os.killpg(workers[0], signal.SIGTERM)
except ProcessLookupError as e:
    print("empty group:", e)
try:
    os.getpgid(999999)
except ProcessLookupError as e:
    print("getpgid:", e)

# kill(0, sig) signals the caller's own group, the caller included.
signal.signal(signal.SIGUSR1, lambda s, f: print("got SIGUSR1 via group", os.getpid() == me))
os.kill(0, signal.SIGUSR1)
print("done")
