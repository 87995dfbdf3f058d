# io.TextIOWrapper over a binary stream: a BytesIO, a command's pipes.
import io
import subprocess

b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="utf-8")
t.write("x\n")
print(b.getvalue())
t.flush()
print(b.getvalue(), repr(t), t.line_buffering, t.encoding)
print(list(io.TextIOWrapper(io.BytesIO(b"a\r\nb\rc\nd"))))
for nl in (None, "", "\n", "\r", "\r\n"):
    print(repr(nl), io.TextIOWrapper(io.BytesIO(b"a\r\nb\rc\nd\r"), newline=nl).readlines())
t = io.TextIOWrapper(io.BytesIO("h\xe9llo\nw".encode()), encoding="utf-8")
print(repr(t.read(3)), repr(t.readline()), repr(t.read()))
t.close()
print(t.closed)
try:
    t.read()
except ValueError as e:
    print("ValueError:", e)
print(isinstance(t, io.TextIOWrapper), type(t).__name__)
w = io.TextIOWrapper(io.BytesIO(), newline="\r\n", write_through=True)
w.write("x\ny\n")
print(w.buffer.getvalue())
print(repr(w.detach().getvalue()))

proc = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
stdin = io.TextIOWrapper(proc.stdin, encoding="utf-8", line_buffering=True)
stdout = io.TextIOWrapper(proc.stdout, encoding="utf-8")
for i in range(3):
    stdin.write("line {}\n".format(i))
stdin.close()
for line in stdout:
    print("read:", line.rstrip())
print(proc.wait())
