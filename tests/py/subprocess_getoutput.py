# subprocess.getoutput / getstatusoutput: a shell command's output and status, with the
# last newline removed and stderr merged.
import subprocess

print(repr(subprocess.getoutput("echo $((1+2))")))
print(subprocess.getstatusoutput("exit 3"))
print(subprocess.getstatusoutput("echo a; echo b"))
print(subprocess.getstatusoutput("ls /no/such/dir"))
print(subprocess.getstatusoutput("no_such_command_q"))
