# os.pipe across fork: the child writes, the parent reads until EOF (once every write end is
# closed); os.fdopen over a pipe end; a pipe both ways.
import os

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    for i in range(3):
        os.write(w, ("line %d\n" % i).encode())
    os.close(w)
    os._exit(0)
os.close(w)
data = b""
while True:
    chunk = os.read(r, 5)
    if not chunk:
        break
    data += chunk
os.close(r)
os.waitpid(pid, 0)
print(data.decode().splitlines())

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    with os.fdopen(w, "w") as f:
        f.write("hello from the child\n")
        f.write("bye\n")
    os._exit(0)
os.close(w)
with os.fdopen(r) as f:
    print([line.strip() for line in f])
os.waitpid(pid, 0)

# request/response over two pipes
to_child_r, to_child_w = os.pipe()
to_parent_r, to_parent_w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(to_child_w)
    os.close(to_parent_r)
    n = int(os.read(to_child_r, 100).decode())
    os.write(to_parent_w, str(n * n).encode())
    os._exit(0)
os.close(to_child_r)
os.close(to_parent_w)
os.write(to_child_w, b"12")
print("square:", os.read(to_parent_r, 100).decode())
_, status = os.waitpid(pid, 0)
print("child exit", os.waitstatus_to_exitcode(status))
try:
    os.write(to_parent_r, b"x")
except OSError as e:
    print("write to the read end:", e)
try:
    os.read(12345, 1)
except OSError as e:
    print("bad fd:", e)
try:
    os.write(to_child_w, "str")
except TypeError as e:
    print(e)
