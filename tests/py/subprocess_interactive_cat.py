# A parent talks to `cat` through its pipes: what it flushes reaches the child at once (a
# write alone waits in the buffer; bufsize=0 and text with bufsize=1 pass it on), cat copies
# it back as it comes, readline() returns as soon as the line is back, read(n) once n bytes
# are there, read1(n) and an unbuffered read(n) what is there, read() at EOF.
import subprocess

p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
print(repr(p.stdin), repr(p.stdout))
print(type(p.stdin).__name__, type(p.stdout).__name__)
p.stdin.write(b"hello\n")
p.stdin.flush()
print(repr(p.stdout.readline()))
for word in (b"one", b"two", b"three"):
    p.stdin.write(word + b"\n")
    p.stdin.flush()
    print(repr(p.stdout.readline()))
p.stdin.write(b"abc")
p.stdin.write(b"def\n")
p.stdin.flush()
print(repr(p.stdout.read(3)), repr(p.stdout.read(4)))
p.stdin.write(b"xyz")
p.stdin.flush()
print(repr(p.stdout.read1(10)))
p.stdin.write(b"last line\nno newline")
p.stdin.close()
print(repr(p.stdout.readline()), repr(p.stdout.read()), repr(p.stdout.read()))
print(p.wait(), p.stdin.closed)
try:
    p.stdin.write(b"more")
except ValueError as e:
    print("ValueError:", e)
p.stdout.close()

# Unbuffered: each write is passed on; read(n) returns what is there.
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
print(repr(p.stdin), repr(p.stdout))
p.stdin.write(b"raw bytes\n")
print(repr(p.stdout.read(100)))
p.stdin.close()
print(repr(p.stdout.read()), p.wait())
p.stdout.close()

# Text, line-buffered: a written line reaches cat without a flush.
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
print(repr(p.stdin), repr(p.stdout), type(p.stdout).__name__)
for s in ("h\u00e9llo", "w\u00f6rld"):
    p.stdin.write(s + "\n")
    print(repr(p.stdout.readline()))
p.stdin.write("a\nb\nc\n")
print([p.stdout.readline() for _ in range(3)])
p.stdin.close()
print([line for line in p.stdout], p.wait())
p.stdout.close()

# The whole-stream helpers still work.
print(subprocess.run(["cat"], input=b"in\nput\n", capture_output=True).stdout)
print(subprocess.check_output(["cat"], input="text\n", text=True))
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(b"first\n")
p.stdin.flush()
print(p.stdout.readline(), p.communicate(b"rest\n"), p.returncode)
