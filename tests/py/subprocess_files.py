# subprocess with files and pipes: a pipeline of two Popens, iterating a pipe, stdin and
# stdout from and to open files, and what CPython says to bytes as stdin; shlex.
import os
import shlex
import subprocess
import tempfile

d = tempfile.mkdtemp()
os.chdir(d)
with open("words.txt", "w") as f:
    f.write("apple\nbanana\ncherry\navocado\n")

p1 = subprocess.Popen(["cat", "words.txt"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["grep", "a"], stdin=p1.stdout, stdout=subprocess.PIPE)
for line in p2.stdout:
    print(line.decode("utf-8").strip())
print(p1.wait(), p2.wait())

p = subprocess.Popen(["sort", "-r", "words.txt"], stdout=subprocess.PIPE, text=True)
print(p.stdout.readline().strip(), p.stdout.readlines())
p.wait()

with open("sorted.txt", "w") as out:
    print(subprocess.run(["sort", "words.txt"], stdout=out).returncode)
with open("sorted.txt") as f:
    print(f.read().split())
with open("words.txt") as src:
    r = subprocess.run(["grep", "-c", "an"], stdin=src, capture_output=True, text=True)
    print(repr(r.stdout))
try:
    subprocess.run(["grep", "x"], stdin=b"bytes are not a file")
except AttributeError as e:
    print("AttributeError:", e)

print(shlex.split("git commit -m 'first commit' --author=\"A B\" a\\ b"))
print(shlex.quote("it's"), shlex.quote("plain"), shlex.quote(""), shlex.join(["a b", "c"]))
try:
    shlex.split("unclosed 'quote")
except ValueError as e:
    print("ValueError:", e)

for name in os.listdir("."):
    os.remove(name)
os.chdir("/")
os.rmdir(d)
