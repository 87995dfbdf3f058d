# A shell script run by sh ($0, $1, its exit status) and python3 -c CODE (sys.argv, a traceback
# from "<string>", sys.executable), in the simulated shell.
import os
import subprocess, sys
with open("s.sh", "w") as f:
    f.write('echo "in script $0 $1"\necho second\nexit 3\n')
r = subprocess.run(["sh", "s.sh", "arg"], capture_output=True)
print(r.returncode, r.stdout)
r = subprocess.run(["python3", "-c", "import sys; print('hi', sys.argv); sys.exit(4)", "x"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
r = subprocess.run(["python3", "-c", "1/0"], capture_output=True, text=True)
print(r.returncode, r.stderr)
r = subprocess.run([sys.executable, "-c", "print(6*7)"], stdout=subprocess.PIPE)
print(r.stdout)
print(subprocess.check_output("python3 -c 'print(1+1)'", shell=True))
os.remove("s.sh")
