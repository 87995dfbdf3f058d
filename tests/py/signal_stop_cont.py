# SIGSTOP stops a child: it makes no progress until SIGCONT continues it.
import os, signal, time

r, w = os.pipe()
t0 = time.time()
pid = os.fork()
if pid == 0:
    os.close(r)
    for i in range(6):
        os.write(w, b"x")
        time.sleep(0.1)
    os._exit(0)
os.close(w)
time.sleep(0.15)
os.kill(pid, signal.SIGSTOP)
time.sleep(0.5)
print("written before the stop:", os.read(r, 100))
os.kill(pid, signal.SIGCONT)
rest = b""
while True:
    chunk = os.read(r, 100)
    if not chunk:
        break
    rest += chunk
_, status = os.waitpid(pid, 0)
print("written after:", len(rest), "exit", os.waitstatus_to_exitcode(status))
print("the stop delayed it:", time.time() - t0 > 0.9)
