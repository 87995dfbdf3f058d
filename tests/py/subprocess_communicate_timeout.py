# communicate(timeout=...) raises TimeoutExpired while the command still runs; after kill(),
# communicate() collects what is left and the status.
import subprocess

proc = subprocess.Popen(["sleep", "2"], stdout=subprocess.PIPE)
try:
    outs, errs = proc.communicate(timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("timeout:", e)
    proc.kill()
    outs, errs = proc.communicate()
print(outs, errs, proc.returncode)
proc = subprocess.Popen(["sh", "-c", "echo a; sleep 0.1; echo b"], stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)
print(proc.communicate(timeout=5), proc.returncode)
