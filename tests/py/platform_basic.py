# platform: the machine's description (only what is the same on every Linux x86_64 host).
import platform
import sys

print(platform.system(), platform.python_implementation())
print(platform.python_version() == "%d.%d.%d" % sys.version_info[:3])
print(platform.python_version_tuple()[:2])
print(platform.machine() in ("x86_64", "aarch64"))
u = platform.uname()
print(type(u).__name__, len(u), u._fields)
print(u.system, u[0], u[-6], list(u)[0], u.system == platform.system())
print(u.node == platform.node(), u.release == platform.release(), u.version == platform.version())
print(u.machine == platform.machine(), u.processor == platform.processor() == u[5])
print(repr(u).startswith("uname_result(system='Linux', node="), "processor" in repr(u))
print(isinstance(platform.node(), str) and len(platform.node()) > 0)
print(platform.architecture()[0], platform.architecture(bits="32bit")[0])
p = platform.platform()
print(p.startswith("Linux-" + platform.release()), "-with-glibc" in p, "--" in p)
print(platform.platform(terse=True) == p)
print(platform.libc_ver()[0])
print(platform.mac_ver(), platform.win32_ver())
print(platform.java_ver())
print(platform.system_alias("Linux", "1", "2"))
print(type(platform.python_build()), len(platform.python_build()))
print(type(platform.python_compiler()).__name__, platform.python_branch() in ("", "main"))
a, b, c, d, e, f = platform.uname()
print(a, e == platform.machine())
print(platform._platform("a b", "", "c/d", "unknown", "e"))
r = platform.uname_result("S", "n", "r", "v", "m")
print(r, r.system, len(r), r == ("S", "n", "r", "v", "m"))
try:
    platform.uname_result("a")
except TypeError as e:
    print(e)
try:
    platform.uname().system = "x"
except AttributeError as e:
    print("AttributeError")
