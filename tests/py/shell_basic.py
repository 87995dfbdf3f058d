# subprocess with shell=True and os.system: a /bin/sh command line with lists, pipelines,
# redirections, variables, arithmetic, quotes, exit statuses and the usual small commands.
import os
import subprocess
import tempfile

d = tempfile.mkdtemp()
os.chdir(d)


def sh(cmd, **kw):
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True, **kw)
    print(repr(cmd))
    print("  ->", r.returncode, repr(r.stdout), repr(r.stderr))


sh("echo hello world")
sh("echo one; echo two")
sh("true && echo yes || echo no")
sh("false && echo yes || echo no")
sh("false; echo status $?")
sh("exit 3")
sh("echo before; exit 4; echo after")
sh("X=5; echo $X ${X} \"$X\" '$X' $((X * 2 + 1))")
sh("echo $((7 / 2)) $((-7 / 2)) $((7 % 3)) $(( (1 + 2) * 3 ))")
sh("echo 'single  quoted' \"double  quoted\" plain   words")
sh("echo ${MISSING:-default} ${MISSING}end")
sh("export GREETING=hi; echo $GREETING")
sh("printf_missing_command arg")
sh("echo out; echo err 1>&2")
sh("echo a > f.txt; echo b >> f.txt; cat f.txt")
sh("cat < f.txt")
sh("cat missing.txt")
sh("cat missing.txt 2>&1")
sh("ls")
sh("ls missing_dir")
sh("printf_is_missing 2>&1")
sh("mkdir sub && touch sub/x.txt sub/y.txt && ls sub")
sh("rm sub/x.txt; ls sub; rm sub/nothing")
sh("cd sub && pwd | grep -c sub; pwd | grep -c sub")
sh("cd /no/such/dir")

with open("data.txt", "w") as f:
    f.write("pear 3\napple 10\nfig 7\nbanana 2\nApple 1\n")
sh("sort data.txt")
sh("sort -r data.txt")
sh("cut -d ' ' -f 2 data.txt | sort -n")
sh("cut -d ' ' -f 2 data.txt | sort -n -r | head -n 2")
sh("grep apple data.txt")
sh("grep -i apple data.txt")
sh("grep -v a data.txt")
sh("grep -c a data.txt")
sh("grep -n fig data.txt")
sh("grep nothing data.txt; echo $?")
sh("tail -n 2 data.txt")
sh("head -2 data.txt")
sh("cat data.txt | wc -l")
sh("wc -l data.txt")
sh("wc -w < data.txt")
sh("cat - < data.txt | grep -c p")
sh("echo piped input | cat -")
sh("cat", input="from stdin\n")
sh("grep b", input="abc\nxyz\nbcd\n")
sh("sleep 0.01 && echo slept")

print(subprocess.call("exit 7", shell=True))
print(subprocess.check_output("echo checked", shell=True))
try:
    subprocess.check_call("exit 2", shell=True)
except subprocess.CalledProcessError as e:
    print(e)
print(subprocess.run(["echo $0 $1", "x", "y"], shell=True, capture_output=True, text=True).stdout, end="")
r = os.system("echo from os.system")
print("os.system ->", r)
print("os.system exit 3 ->", os.system("exit 3"))
with os.popen("echo popen line; echo second") as p:
    print(p.readlines())
print(os.popen("exit 2").close())

for name in sorted(os.listdir(".")):
    if os.path.isdir(name):
        for sub in os.listdir(name):
            os.remove(os.path.join(name, sub))
        os.rmdir(name)
    else:
        os.remove(name)
os.chdir("/")
os.rmdir(d)
