# echo -n, and `>&2` (stdout to stderr) in a shell command line.
import subprocess


def t(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    print(repr(cmd), r.returncode, repr(r.stdout), repr(r.stderr))


t("echo err >&2; echo out", shell=True)
t("echo a>&2", shell=True)
t("echo a >&2 b", shell=True)
t(["echo", "-n", "x"])
t(["echo", "-n"])
t(["echo"])
t("echo -n hi; echo there", shell=True)
t("echo x 2>&1 >&2", shell=True)
