# concsim's platform: what the simulated machine is (uname, system, node, release, version,
# machine, processor, architecture, platform), which Python it runs (python_version and
# _tuple, python_implementation, python_build, python_compiler, python_branch/revision) and
# the other systems' queries (libc_ver, mac_ver, win32_ver, java_ver), in CPython 3.11's
# design: uname() is a uname_result with five fields plus a sixth, processor, that iteration,
# len() and indexing include while repr() does not.
# Invariant: every answer describes the simulated machine (Linux on x86_64, glibc 2.36, the
# host name socket.gethostname() gives), never the host concsim runs on, so a run's output
# does not depend on where it runs.
# Not supported: freedesktop_os_release (the simulated machine has no /etc/os-release),
# win32_edition, win32_is_iot and the command-line interface.

import sys
from collections import namedtuple

_SYSTEM = "Linux"
_RELEASE = "6.1.0-concsim"
_VERSION = "#1 SMP PREEMPT_DYNAMIC concsim"
_MACHINE = "x86_64"


class uname_result(namedtuple("uname_result_base", "system node release version machine")):
    _fields = ("system", "node", "release", "version", "machine", "processor")

    @property
    def processor(self):
        return processor()

    def __iter__(self):
        return iter(self._tuple + (self.processor,))

    def __len__(self):
        return len(self._fields)

    def __getitem__(self, key):
        return tuple(self)[key]

    def __repr__(self):
        return "uname_result(%s)" % ", ".join("%s=%r" % (n, v) for n, v in zip(self._fields, self._tuple))


_uname_cache = None


def uname():
    global _uname_cache
    if _uname_cache is None:
        try:
            import socket
            node = socket.gethostname()
        except Exception:
            node = "localhost"
        _uname_cache = uname_result(_SYSTEM, node, _RELEASE, _VERSION, _MACHINE)
    return _uname_cache


def system():
    return uname().system


def node():
    return uname().node


def release():
    return uname().release


def version():
    return uname().version


def machine():
    return uname().machine


def processor():
    # What `uname -p` says on a Debian-like Linux ("unknown"), shown blank as CPython does.
    return ""


def architecture(executable=sys.executable, bits="", linkage=""):
    # CPython asks `file` about the executable, whose answer wins over the defaults given.
    return ("64bit", "ELF")


def libc_ver(executable=None, lib="", version="", chunksize=16384):
    return (lib or "glibc", version or "2.36")


def mac_ver(release="", versioninfo=("", "", ""), machine=""):
    return release, versioninfo, machine


def win32_ver(release="", version="", csd="", ptype=""):
    return release, version, csd, ptype


def java_ver(release="", vendor="", vminfo=("", "", ""), osinfo=("", "", "")):
    return release, vendor, vminfo, osinfo


def system_alias(system, release, version):
    return system, release, version


def _platform(*args):
    s = "-".join(x.strip() for x in filter(len, args))
    s = s.replace(" ", "_")
    for c in "/\\:;\"()":
        s = s.replace(c, "-")
    s = s.replace("unknown", "")
    while True:
        t = s.replace("--", "-")
        if t == s:
            break
        s = t
    return s.rstrip("-")


def platform(aliased=False, terse=False):
    lib, libversion = libc_ver()
    return _platform(system(), release(), machine(), processor(), "with", lib + libversion)


def python_implementation():
    return "CPython"


def python_version_tuple():
    return tuple(str(n) for n in sys.version_info[:3])


def python_version():
    return ".".join(python_version_tuple())


def python_branch():
    return ""


def python_revision():
    return ""


def python_build():
    return ("main", "Jan  1 2024 00:00:00")


def python_compiler():
    return "GCC 12.2.0"


def freedesktop_os_release():
    raise NotImplementedError("concsim does not support platform.freedesktop_os_release yet")
