# The environment and working directory of commands: os.environ, os.getenv, Popen's env=
# and cwd=, printenv, expanduser, the user ids.
import os
import subprocess
import tempfile

os.environ["GREETING"] = "hello"
print(os.getenv("GREETING"), os.getenv("NO_SUCH_VAR"), os.getenv("NO_SUCH_VAR", "dflt"))
print(subprocess.run(["printenv", "GREETING"], capture_output=True, text=True).stdout, end="")
r = subprocess.run(["printenv", "ONLY", "GREETING"], capture_output=True, text=True,
                   env={"ONLY": "me", "PATH": os.environ["PATH"]})
print(r.returncode, repr(r.stdout))
print(subprocess.run("echo $ONLY+$GREETING", shell=True, capture_output=True, text=True,
                     env={"ONLY": b"bytes"}).stdout, end="")
print(subprocess.run("echo $GREETING", shell=True, capture_output=True, text=True).stdout, end="")

d = tempfile.mkdtemp()
with open(os.path.join(d, "inside.txt"), "w") as f:
    f.write("x")
print(subprocess.run(["ls"], capture_output=True, text=True, cwd=d).stdout, end="")
missing = os.path.join(d, "missing")
try:
    subprocess.run(["ls"], cwd=missing)
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename == missing)
try:
    subprocess.run(["ls"], cwd=os.path.join(d, "inside.txt"))
except NotADirectoryError as e:
    print(type(e).__name__, e.errno, e.strerror)
print(os.getcwd() != d)

print(os.path.expanduser("~nosuchuser/x"), os.path.expanduser("plain/~"))
os.environ["HOME"] = "/home/learner"
print(os.path.expanduser("~/notes.txt"), os.path.expanduser("~"))
print(type(os.getuid()).__name__, os.getuid() == os.geteuid())
