# `python3 FILE.py` from a shell command runs that file as a new process: its output is
# captured, sys.argv and __name__ are its own, sys.exit and an uncaught error give its status.
import os
import subprocess
import tempfile

d = tempfile.mkdtemp()
os.chdir(d)
with open("helper.py", "w") as f:
    f.write("import sys\n"
            "print('helper', __name__, sys.argv[1:])\n"
            "if len(sys.argv) > 1 and sys.argv[1] == 'fail':\n"
            "    sys.exit(5)\n"
            "if len(sys.argv) > 1 and sys.argv[1] == 'err':\n"
            "    sys.exit('bad things')\n")
with open("square.py", "w") as f:
    f.write("import sys\nfor line in sys.stdin:\n    print(int(line) ** 2)\n")

r = subprocess.run(["python3", "helper.py", "a", "b"], capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
r = subprocess.run("python3 helper.py fail", shell=True, capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
r = subprocess.run("python3 helper.py err", shell=True, capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
r = subprocess.run("python3 helper.py x > out.txt && cat out.txt", shell=True, capture_output=True, text=True)
print(r.returncode, repr(r.stdout))
print(subprocess.check_output(["python3", "helper.py"]))
r = subprocess.run("python3 missing_script.py", shell=True, capture_output=True, text=True)
print(r.returncode, repr(r.stdout), "can't open file" in r.stderr)
print("system:", os.system("python3 helper.py via-system"))

for name in os.listdir("."):
    os.remove(name)
os.chdir("/")
os.rmdir(d)
