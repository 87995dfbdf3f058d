# os.pipe, os.read, os.write, os.close, os.dup and os.fdopen over kernel pipe channels (the
# ones multiprocessing's Pipe uses): a write puts its bytes as one item, a read takes up to n
# bytes of the first item (the rest waits for the next read), EOF (b'') once no process
# holds the write end. The fd table is this module's (so a fork child inherits it with the
# heap); the kernel knows which processes still write.
# Invariant: only fds made here are pipes; any other fd is handed to _concsim_os (the files'
# descriptors, tempfile.mkstemp's).

import _concsim

_fds = {}  # fd -> (channel id, is the write end)
_left = {}  # channel id -> bytes read from an item and not returned yet
_free = [3]


def _alloc(cid, write):
    import tempfile
    fd = max(_free[0], tempfile._next_fd[0])
    while fd in _fds or fd in tempfile._fds:
        fd += 1
    tempfile._next_fd[0] = fd + 1
    _free[0] = fd + 1
    _fds[fd] = (cid, write)
    return fd


def _entry(fd):
    if not isinstance(fd, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(fd).__name__)
    e = _fds.get(fd)
    if e is None:
        if fd in (0, 1, 2):
            raise OSError("concsim does not support os.read/os.write/os.close on fd %d yet" % fd)
        raise OSError(9, "Bad file descriptor")
    return e


def _other(fd):
    # Not a pipe end: a file's descriptor (or none).
    return isinstance(fd, int) and fd not in _fds and fd > 2


def pipe():
    cid = _concsim.chan_new(0, True)
    return (_alloc(cid, False), _alloc(cid, True))


def read(fd, n):
    if _other(fd):
        import _concsim_os
        return _concsim_os.read(fd, n)
    cid, write = _entry(fd)
    if write:
        raise OSError(9, "Bad file descriptor")
    if n < 0:
        raise ValueError("negative length")
    buf = _left.get(cid, b"")
    if not buf:
        try:
            ok, buf = _concsim.chan_get(cid, True, None)
        except EOFError:
            return b""
    # Like read(2), take what is already there, up to n bytes, without waiting for more.
    while len(buf) < n:
        try:
            ok, more = _concsim.chan_get(cid, False, None)
        except EOFError:
            break
        if not ok:
            break
        buf += more
    _left[cid] = buf[n:]
    return buf[:n]


def write(fd, data):
    if _other(fd):
        import _concsim_os
        return _concsim_os.write(fd, data)
    cid, write_end = _entry(fd)
    if not write_end:
        raise OSError(9, "Bad file descriptor")
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    data = bytes(data)
    if data:
        _concsim.chan_put(cid, data)
    return len(data)


def close(fd):
    if fd in (0, 1, 2) and fd not in _fds:
        return None
    if _other(fd):
        import _concsim_os
        return _concsim_os.close(fd)
    cid, write = _entry(fd)
    del _fds[fd]
    if write and not any(c == cid and w for c, w in _fds.values()):
        _concsim.chan_close(cid)
    return None


def dup(fd):
    cid, write = _entry(fd)
    return _alloc(cid, write)


class _PipeFile:
    def __init__(self, fd, mode):
        self._fd = fd
        self.mode = mode
        self._binary = "b" in mode
        self.closed = False
        self._buf = b""
        self._eof = False

    def fileno(self):
        return self._fd

    def _fill(self):
        chunk = read(self._fd, 65536)
        if not chunk:
            self._eof = True
        self._buf += chunk

    def _out(self, b):
        return b if self._binary else b.decode("utf-8")

    def read(self, size=-1):
        if size is None or size < 0:
            while not self._eof:
                self._fill()
            data, self._buf = self._buf, b""
            return self._out(data)
        while len(self._buf) < size and not self._eof:
            self._fill()
        data, self._buf = self._buf[:size], self._buf[size:]
        return self._out(data)

    def readline(self):
        while b"\n" not in self._buf and not self._eof:
            self._fill()
        i = self._buf.find(b"\n")
        if i < 0:
            data, self._buf = self._buf, b""
        else:
            data, self._buf = self._buf[:i + 1], self._buf[i + 1:]
        return self._out(data)

    def readlines(self):
        out = []
        while True:
            line = self.readline()
            if not line:
                return out
            out.append(line)

    def __iter__(self):
        return iter(self.readlines())

    def write(self, s):
        if self._binary:
            return write(self._fd, s)
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        write(self._fd, s.encode("utf-8"))
        return len(s)

    def flush(self):
        pass

    def close(self):
        if not self.closed:
            self.closed = True
            close(self._fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def fdopen(fd, mode="r", buffering=-1, encoding=None, *args, **kwargs):
    if fd not in _fds:
        raise OSError("concsim does not support os.fdopen() of other than os.pipe() ends yet")
    return _PipeFile(fd, mode)
