# The shell's >&2 (dash's shorthand for 1>&2), alone and with 2>&1 after it.
import subprocess
r = subprocess.run("echo to-err >&2; echo to-out; echo again 1>&2", shell=True, capture_output=True, text=True)
print(repr(r.stdout), repr(r.stderr), r.returncode)
r = subprocess.run("echo both >&2 2>&1", shell=True, capture_output=True, text=True)
print(repr(r.stdout), repr(r.stderr))
