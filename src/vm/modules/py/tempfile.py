# concsim's tempfile: CPython 3.11's API (gettempdir, mkstemp, mkdtemp, NamedTemporaryFile,
# TemporaryFile, TemporaryDirectory) over the host's files, in /tmp. Names draw their 8
# random characters from os.urandom (_concsim.random_bytes), whose stream is the run's own and separate from the
# random module's (so creating a temporary file never changes random's numbers).
# Invariant: a name is created with O_EXCL semantics (open mode 'x' or mkdir), retried on
# collision as CPython does.

import os
import _concsim

__all__ = ["NamedTemporaryFile", "TemporaryFile", "TemporaryDirectory", "mkstemp", "mkdtemp", "mktemp",
           "gettempdir", "gettempprefix", "TMP_MAX", "tempdir", "template"]

TMP_MAX = 10000
template = "tmp"
tempdir = None
_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_fds = {}
_next_fd = [3]


def gettempdir():
    return tempdir if tempdir is not None else "/tmp"


def gettempprefix():
    return template


def _name():
    return "".join(_CHARS[b % len(_CHARS)] for b in _concsim.random_bytes(8))


def _candidates(suffix, prefix, dir):
    # One candidate name (the caller retries on collision).
    if suffix is None:
        suffix = ""
    if prefix is None:
        prefix = template
    if dir is None:
        dir = gettempdir()
    return os.path.join(dir, prefix + _name() + suffix)


def _create(suffix, prefix, dir, make):
    for _ in range(TMP_MAX):
        path = _candidates(suffix, prefix, dir)
        try:
            return make(path)
        except FileExistsError:
            continue
    raise FileExistsError(17, "No usable temporary file name found")


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    def make(path):
        f = open(path, "x+b")
        fd = _next_fd[0]
        _next_fd[0] += 1
        _fds[fd] = f
        return fd, os.path.abspath(path)
    return _create(suffix, prefix, dir, make)


def mkdtemp(suffix=None, prefix=None, dir=None):
    def make(path):
        os.mkdir(path, 0o700)
        return os.path.abspath(path)
    return _create(suffix, prefix, dir, make)


def mktemp(suffix="", prefix=template, dir=None):
    for _ in range(TMP_MAX):
        path = _candidates(suffix, prefix, dir)
        if not os.path.exists(path):
            return path
    raise FileExistsError(17, "No usable temporary filename found")


class _TemporaryFileWrapper:
    def __init__(self, file, name, delete=True):
        self.file = file
        self.name = name
        self.delete = delete
        self._closed = False

    def __getattr__(self, name):
        return getattr(self.__dict__["file"], name)

    def __repr__(self):
        return "<tempfile._TemporaryFileWrapper object>"

    def __enter__(self):
        self.file.__enter__()
        return self

    def __exit__(self, exc, value, tb):
        self.close()

    def close(self):
        if not self._closed:
            self._closed = True
            self.file.close()
            if self.delete:
                try:
                    os.unlink(self.name)
                except FileNotFoundError:
                    pass

    def __iter__(self):
        return iter(self.file)


def NamedTemporaryFile(mode="w+b", buffering=-1, encoding=None, newline=None, suffix=None, prefix=None,
                       dir=None, delete=True, *, errors=None):
    def make(path):
        open(path, "x").close()
        return os.path.abspath(path)
    name = _create(suffix, prefix, dir, make)
    f = open(name, mode, buffering, encoding=encoding, newline=newline, errors=errors)
    return _TemporaryFileWrapper(f, name, delete)


def TemporaryFile(mode="w+b", buffering=-1, encoding=None, newline=None, suffix=None, prefix=None, dir=None,
                  *, errors=None):
    return NamedTemporaryFile(mode, buffering, encoding, newline, suffix, prefix, dir, True, errors=errors)


class TemporaryDirectory:
    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore = ignore_cleanup_errors
        self._done = False

    def __repr__(self):
        return "<TemporaryDirectory %r>" % self.name

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        self.cleanup()

    def cleanup(self):
        if not self._done:
            self._done = True
            import shutil
            shutil.rmtree(self.name, ignore_errors=self._ignore)
