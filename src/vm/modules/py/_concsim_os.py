# The parts of concsim's os written in Python (the native module provides the rest; names
# here are looked up on first use, see LAZY in src/vm/import.rs): stat results, makedirs,
# walk, scandir, and os.system/os.popen, which run a command line through concsim's /bin/sh
# (_concsim_sh) as a child process, as CPython's do through the real one.
# Invariant: every file operation goes through the native os functions (the host's files).

import os

error = OSError
curdir = "."
pardir = ".."
extsep = "."
pathsep = ":"
devnull = "/dev/null"


class stat_result:
    def __init__(self, is_dir, size, mtime_ns):
        self._is_dir = is_dir
        self.st_mode = (0o40755 if is_dir else 0o100644)
        self.st_ino = 0
        self.st_dev = 0
        self.st_nlink = 2 if is_dir else 1
        self.st_uid = 0
        self.st_gid = 0
        self.st_size = size
        self.st_mtime_ns = mtime_ns
        self.st_atime_ns = mtime_ns
        self.st_ctime_ns = mtime_ns
        self.st_mtime = mtime_ns / 1e9
        self.st_atime = self.st_mtime
        self.st_ctime = self.st_mtime

    def __repr__(self):
        return ("os.stat_result(st_mode=%d, st_ino=%d, st_dev=%d, st_nlink=%d, st_uid=%d, st_gid=%d, "
                "st_size=%d, st_atime=%d, st_mtime=%d, st_ctime=%d)"
                % (self.st_mode, self.st_ino, self.st_dev, self.st_nlink, self.st_uid, self.st_gid,
                   self.st_size, int(self.st_atime), int(self.st_mtime), int(self.st_ctime)))


stat_result.__module__ = "os"


def stat(path, *, dir_fd=None, follow_symlinks=True):
    is_dir, size, mtime_ns = os._stat(path)
    return stat_result(is_dir, size, mtime_ns)


def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = os.path.split(name)
    if not tail:
        head, tail = os.path.split(head)
    if head and tail and not os.path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
        if tail == os.curdir:
            return
    try:
        os.mkdir(name, mode)
    except OSError:
        if not exist_ok or not os.path.isdir(name):
            raise


def removedirs(name):
    os.rmdir(name)
    head, tail = os.path.split(name)
    if not tail:
        head, tail = os.path.split(head)
    while head and tail:
        try:
            os.rmdir(head)
        except OSError:
            break
        head, tail = os.path.split(head)


class DirEntry:
    def __init__(self, dirpath, name):
        self.name = name
        self.path = os.path.join(dirpath, name)

    def is_dir(self, *, follow_symlinks=True):
        return os.path.isdir(self.path)

    def is_file(self, *, follow_symlinks=True):
        return os.path.isfile(self.path)

    def is_symlink(self):
        return False

    def stat(self, *, follow_symlinks=True):
        return stat(self.path)

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return "<DirEntry %r>" % self.name


class _ScandirIterator:
    def __init__(self, entries):
        self._entries = entries
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._i >= len(self._entries):
            raise StopIteration
        self._i += 1
        return self._entries[self._i - 1]

    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass

    def close(self):
        pass


def scandir(path="."):
    return _ScandirIterator([DirEntry(path, n) for n in os.listdir(path)])


def walk(top, topdown=True, onerror=None, followlinks=False):
    # A list rather than a generator (the whole walk is taken at the first step).
    out = []
    _walk(top, topdown, onerror, out)
    return iter(out)


def _walk(top, topdown, onerror, out):
    try:
        names = os.listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs = []
    nondirs = []
    for name in names:
        if os.path.isdir(os.path.join(top, name)):
            dirs.append(name)
        else:
            nondirs.append(name)
    if topdown:
        out.append((top, dirs, nondirs))
        for d in dirs:
            _walk(os.path.join(top, d), topdown, onerror, out)
    else:
        for d in dirs:
            _walk(os.path.join(top, d), topdown, onerror, out)
        out.append((top, dirs, nondirs))


def system(command):
    import subprocess
    p = subprocess.Popen(command, shell=True)
    p.wait()
    return p._status


class _wrap_close:
    def __init__(self, stream, proc):
        self._stream = stream
        self._proc = proc

    def close(self):
        self._stream.close()
        returncode = self._proc.wait()
        if returncode == 0:
            return None
        return returncode << 8

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def __iter__(self):
        return iter(self._stream)


class _TextStream:
    def __init__(self, text):
        self._lines = text.splitlines(True)
        self._text = text

    def read(self):
        t = self._text
        self._text = ""
        self._lines = []
        return t

    def readlines(self):
        lines = self._lines
        self._lines = []
        self._text = ""
        return lines

    def readline(self):
        if not self._lines:
            return ""
        line = self._lines.pop(0)
        self._text = self._text[len(line):]
        return line

    def __iter__(self):
        return iter(self.readlines())

    def close(self):
        pass


def popen(cmd, mode="r", buffering=-1):
    import subprocess
    if mode not in ("r", "w"):
        raise ValueError("invalid mode %r" % mode)
    if mode == "w":
        raise ValueError("concsim does not support os.popen(cmd, 'w') yet")
    proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    return _wrap_close(_TextStream(out), proc)


def fdopen(fd, *args, **kwargs):
    raise OSError("concsim does not support os.fdopen() yet")


def getenv(key, default=None):
    return os.environ.get(key, default)


def getuid():
    # The simulated machine has one user, root (see MACHINE_ENVIRONMENT in system.rs).
    return 0


def getlogin():
    return "root"


def urandom(size):
    import _concsim
    return _concsim.random_bytes(size)


def _fd_file(fd):
    import tempfile
    f = tempfile._fds.get(fd)
    if f is None:
        raise OSError(9, "Bad file descriptor")
    return f


def close(fd):
    # The descriptors concsim hands out are tempfile.mkstemp's (its file objects).
    import tempfile
    _fd_file(fd).close()
    del tempfile._fds[fd]


def write(fd, data):
    return _fd_file(fd).write(data)


def read(fd, n):
    return _fd_file(fd).read(n)
