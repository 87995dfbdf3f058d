# coreutils' seq over integers on the simulated machine: LAST, FIRST LAST, FIRST INCREMENT LAST, -s, -w,
# an empty range, a pipeline, and its errors.
import subprocess
def sh(cmd):
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    print(repr(cmd), r.returncode, repr(r.stdout), repr(r.stderr))
sh("seq 3")
sh("seq 2 5")
sh("seq 10 -3 1")
sh("seq -s, 4")
sh("seq -w 8 11")
sh("seq 3 1")
sh("seq 5 | sort -r | head -2")
sh("seq")
sh("seq x")
sh("seq 1 0 3")
print(subprocess.check_output(["seq", "-s", " ", "3"]))
