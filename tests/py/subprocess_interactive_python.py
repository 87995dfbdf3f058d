# A parent talks to a python3 child a line at a time: the child's sys.stdin.readline(),
# `for line in sys.stdin` and input() return each line as it comes, and what the child
# flushes (sys.stdout.flush(), print(flush=True), a line on stderr) reaches the parent
# while the child goes on.
import os
import subprocess
import tempfile

d = tempfile.mkdtemp()
os.chdir(d)
with open("repeater.py", "w") as f:
    f.write("import sys\n"
            "while True:\n"
            "    line = sys.stdin.readline()\n"
            "    if not line:\n"
            "        break\n"
            "    sys.stdout.write(line.upper())\n"
            "    sys.stdout.flush()\n"
            "print('bye', flush=True)\n")
with open("asker.py", "w") as f:
    f.write("import sys\n"
            "total = 0\n"
            "while True:\n"
            "    try:\n"
            "        line = input('n? ')\n"
            "    except EOFError:\n"
            "        break\n"
            "    total += int(line)\n"
            "    print('total', total, flush=True)\n"
            "    sys.stderr.write('added %s\\n' % line)\n"
            "print()\n"
            "print('done', total)\n")
with open("lines.py", "w") as f:
    f.write("import sys\n"
            "for n, line in enumerate(sys.stdin, 1):\n"
            "    print(n, line.strip()[::-1], flush=True)\n")

p = subprocess.Popen(["python3", "repeater.py"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for word in (b"hello\n", b"concurrent\n", b"world\n"):
    p.stdin.write(word)
    p.stdin.flush()
    print(repr(p.stdout.readline()))
p.stdin.close()
print(repr(p.stdout.read()), p.wait())
p.stdout.close()

p = subprocess.Popen(["python3", "asker.py"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True)
for n in ("3", "4", "10"):
    p.stdin.write(n + "\n")
    p.stdin.flush()
    print(repr(p.stdout.readline()), repr(p.stderr.readline()))
p.stdin.close()
print(repr(p.stdout.read()), repr(p.stderr.read()), p.wait())
p.stdout.close()
p.stderr.close()

p = subprocess.Popen(["python3", "lines.py"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
p.stdin.write("abc\n")
print(repr(p.stdout.readline()))
p.stdin.write("hello there\n")
print(repr(p.stdout.read(2)), repr(p.stdout.readline()))
p.stdin.close()
print(repr(p.stdout.read()), p.wait())
p.stdout.close()

print(subprocess.run(["python3", "lines.py"], input="x\nyz\n", capture_output=True, text=True).stdout, end="")
print(subprocess.check_output(["python3", "repeater.py"], input=b"a\nb\n"))

for name in os.listdir("."):
    os.remove(name)
os.chdir("/")
os.rmdir(d)
