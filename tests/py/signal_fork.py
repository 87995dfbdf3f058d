# Handlers are inherited over fork; Process.terminate() runs the child's SIGTERM handler, or
# ends it with -15 when it has none; a signal ignored in the parent is ignored in the child.
import os, signal, time
import multiprocessing as mp

def h(signum, frame):
    print("pid-independent handler got", signum)

signal.signal(signal.SIGUSR1, h)
pid = os.fork()
if pid == 0:
    signal.pause()
    print("child after pause")
    os._exit(3)
time.sleep(0.1)
os.kill(pid, signal.SIGUSR1)
_, status = os.waitpid(pid, 0)
print("child status", os.waitstatus_to_exitcode(status))

def child_term():
    def on_term(s, f):
        print("child got SIGTERM")
        raise SystemExit(7)
    signal.signal(signal.SIGTERM, on_term)
    while True:
        time.sleep(0.05)

p = mp.Process(target=child_term)
p.start()
time.sleep(0.2)
p.terminate()
p.join()
print("exitcode", p.exitcode)

p = mp.Process(target=time.sleep, args=(5,))
p.start()
time.sleep(0.1)
p.terminate()
p.join()
print("exitcode", p.exitcode)

signal.signal(signal.SIGUSR2, signal.SIG_IGN)
p = mp.Process(target=time.sleep, args=(0.2,))
p.start()
time.sleep(0.1)
os.kill(p.pid, signal.SIGUSR2)
p.join()
print("ignored in child, exitcode", p.exitcode)
p = mp.Process(target=time.sleep, args=(1,))
p.start()
time.sleep(0.1)
p.kill()
p.join()
print("killed, exitcode", p.exitcode)
