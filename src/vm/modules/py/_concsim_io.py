# concsim's file objects: the builtin open() (CPython 3.11's io.open: modes r/w/x/a, b/t, +,
# utf-8 text with universal newlines, its errors and messages), input() and sys.stdin, over
# the host's file system (_concsim_fs: paths and offsets; see src/sim/fs.rs). A file object
# is what CPython's layers look like from outside (TextIOWrapper, BufferedReader,
# BufferedWriter, BufferedRandom) but one object here: it keeps its path and its offset, and
# reads and writes the shared file at that offset, so a write is seen by every process of
# the host at once (CPython would keep up to 8 KiB in the object until a flush: concsim
# writes through, since it has no finalizer to flush a file dropped unclosed).
# Invariant: every operation checks closed first, then the mode, with CPython's messages.

import _concsim_fs as _fs


class UnsupportedOperation(OSError, ValueError):
    pass


UnsupportedOperation.__module__ = "io"

_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "ascii": "ascii", "us-ascii": "ascii",
              "latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1", "iso8859-1": "latin-1"}


def _closed_error():
    return ValueError("I/O operation on closed file.")


class _PieceReader:
    # Reads input that arrives in pieces (a child's pipe, a command's stdin): `_fill()` (of the
    # subclass) waits for the next piece and appends it to `_buf`, or sets `_eof`; `_out`
    # makes bytes what a read returns (decoded text for a text stream); `_check` raises on a
    # closed stream. readline() returns once a whole line (or EOF) is there, read(n) once n
    # bytes are (or EOF), read() at EOF.
    _buf = b""
    _eof = False

    def _check(self, op):
        pass

    def _out(self, data):
        return data

    def _take(self, n):
        data, self._buf = self._buf[:n], self._buf[n:]
        return self._out(data)

    def read(self, size=-1):
        self._check("read")
        if size is None or size < 0:
            while not self._eof:
                self._fill()
            return self._take(len(self._buf))
        while len(self._buf) < size and not self._eof:
            self._fill()
        return self._take(size)

    def readline(self, size=-1):
        self._check("readline")
        limit = size is not None and size >= 0
        while b"\n" not in self._buf and not self._eof and not (limit and len(self._buf) >= size):
            self._fill()
        i = self._buf.find(b"\n")
        n = len(self._buf) if i < 0 else i + 1
        return self._take(min(n, size) if limit else n)

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


class _File:
    _binary = False

    def __init__(self, name, path, mode, readable, writable, append, encoding, errors, newline):
        self.name = name
        self.mode = mode
        self._path = path
        self._readable = readable
        self._writable = writable
        self._append = append
        self._encoding = encoding
        self._errors = errors
        self._newline = newline
        self._closed = False
        self._pos = 0
        if append:
            self._pos = len(_fs.read(path, 0, None))

    def __repr__(self):
        mod = type(self).__module__
        if self._binary:
            return "<%s.%s name=%r>" % (mod, type(self).__name__, self.name)
        return "<%s.%s name=%r mode=%r encoding=%r>" % (mod, type(self).__name__, self.name, self.mode,
                                                          self.encoding)

    @property
    def closed(self):
        return self._closed

    def _check(self):
        if self._closed:
            raise _closed_error()

    def _check_readable(self):
        self._check()
        if not self._readable:
            raise UnsupportedOperation("read" if self._binary else "not readable")

    def _check_writable(self):
        self._check()
        if not self._writable:
            raise UnsupportedOperation("write" if self._binary else "not writable")

    def readable(self):
        self._check()
        return self._readable

    def writable(self):
        self._check()
        return self._writable

    def seekable(self):
        self._check()
        return True

    def isatty(self):
        self._check()
        return False

    def fileno(self):
        self._check()
        return 3

    def flush(self):
        self._check()

    def close(self):
        self._closed = True

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        self._check()
        return self._pos

    def seek(self, offset, whence=0):
        self._check()
        if not isinstance(offset, int):
            raise TypeError("an integer is required (got type %s)" % type(offset).__name__)
        if whence == 0:
            if offset < 0:
                raise ValueError("negative seek position %d" % offset)
            self._pos = offset
        elif whence == 1:
            if not self._binary and offset != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            self._pos = max(self._pos + offset, 0)
        elif whence == 2:
            if not self._binary and offset != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self._pos = max(len(_fs.read(self._path, 0, None)) + offset, 0)
        else:
            if self._binary:
                raise ValueError("whence value %d unsupported" % whence)
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def truncate(self, size=None):
        self._check_writable()
        if size is None:
            size = self._pos
        _fs.truncate(self._path, size)
        return size

    def _raw_line(self, limit):
        # The bytes of the next line (its end included) from the offset, or fewer at the end
        # of the file or the limit; the end of a line is \n, or for universal newlines \r
        # or \r\n.
        universal = not self._binary and self._newline in (None, "")
        start = self._pos
        got = b""
        while True:
            chunk = _fs.read(self._path, start + len(got), 8192)
            if not chunk:
                return got
            base = len(got)
            got = got + chunk
            i = chunk.find(b"\n")
            if i >= 0:
                i += base
            if universal:
                j = chunk.find(b"\r")
                if j >= 0:
                    j += base
                if j >= 0 and (i < 0 or j < i):
                    if j + 1 < len(got):
                        return got[:j + 2] if got[j + 1:j + 2] == b"\n" else got[:j + 1]
                    more = _fs.read(self._path, start + len(got), 1)
                    return got + more if more == b"\n" else got
            if i >= 0:
                return got[:i + 1]
            if limit >= 0 and len(got) >= limit:
                return got


class BufferedReader(_File):
    _binary = True

    def read(self, size=-1):
        self._check_readable()
        if size is None or size < 0:
            data = _fs.read(self._path, self._pos, None)
        else:
            data = _fs.read(self._path, self._pos, size)
        self._pos += len(data)
        return data

    def read1(self, size=-1):
        return self.read(size)

    def readline(self, size=-1):
        self._check_readable()
        if size is None:
            size = -1
        line = self._raw_line(size)
        if size >= 0:
            line = line[:size]
        self._pos += len(line)
        return line

    def readlines(self, hint=-1):
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def write(self, data):
        self._check_writable()
        if isinstance(data, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(data)
        end = _fs.write(self._path, None if self._append else self._pos, data)
        self._pos = end
        return len(data)

    def writelines(self, lines):
        self._check_writable()
        for line in lines:
            self.write(line)


BufferedReader.__module__ = "_io"


class BufferedWriter(BufferedReader):
    pass


BufferedWriter.__module__ = "_io"


class BufferedRandom(BufferedReader):
    pass


BufferedRandom.__module__ = "_io"


def _translate(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextIOWrapper(_File):
    def __init__(self, buffer, *args, **kw):
        if len(args) == 8:
            return _File.__init__(self, buffer, *args)
        import _concsim_textio
        self.__class__ = _concsim_textio.TextIOWrapper
        self._wrap(buffer, *args, **kw)

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def newlines(self):
        return None

    @property
    def buffer(self):
        raise UnsupportedOperation("concsim does not support a text file's .buffer yet")

    def _decode(self, data):
        return data.decode(_ENCODINGS.get(self._encoding.lower(), "utf-8"), self._errors)

    def read(self, size=-1):
        self._check_readable()
        data = _fs.read(self._path, self._pos, None)
        text = self._decode(data)
        if size is None or size < 0:
            self._pos += len(data)
            return _translate(text) if self._newline is None else text
        if self._newline is not None:
            part = text[:size]
            self._pos += len(self._encode(part))
            return part
        out = []
        i = 0
        n = 0
        while n < size and i < len(text):
            c = text[i]
            if c == "\r":
                if text[i + 1:i + 2] == "\n":
                    i += 1
                c = "\n"
            out.append(c)
            i += 1
            n += 1
        self._pos += len(self._encode(text[:i]))
        return "".join(out)

    def _encode(self, text):
        return text.encode(_ENCODINGS.get(self._encoding.lower(), "utf-8"), self._errors)

    def readline(self, size=-1):
        self._check_readable()
        if size is None:
            size = -1
        raw = self._raw_line(-1)
        text = self._decode(raw)
        if size >= 0 and len(text) > size:
            text = text[:size]
            raw = self._encode(text)
        self._pos += len(raw)
        return _translate(text) if self._newline is None else text

    def readlines(self, hint=-1):
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def write(self, s):
        self._check_writable()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        text = s
        if self._newline not in (None, "", "\n"):
            text = text.replace("\n", self._newline)
        end = _fs.write(self._path, None if self._append else self._pos, self._encode(text))
        self._pos = end
        return len(s)

    def writelines(self, lines):
        self._check_writable()
        for line in lines:
            self.write(line)


TextIOWrapper.__module__ = "_io"

_VALID_MODE = "rwxabt+"


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if isinstance(file, int) and not isinstance(file, bool):
        raise OSError("concsim does not support open() of a file descriptor yet")
    if not isinstance(file, str):
        if isinstance(file, bytes):
            file = file.decode("utf-8")
        elif hasattr(file, "__fspath__"):
            file = file.__fspath__()
        else:
            raise TypeError("expected str, bytes or os.PathLike object, not %s" % type(file).__name__)
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not %s" % type(mode).__name__)
    for c in mode:
        if c not in _VALID_MODE or mode.count(c) > 1:
            raise ValueError("invalid mode: '%s'" % mode)
    kinds = sum(1 for c in "rwxa" if c in mode)
    binary = "b" in mode
    if "t" in mode and binary:
        raise ValueError("can't have text and binary mode at once")
    if kinds > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if kinds == 0:
        raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if newline is not None and newline not in ("", "\n", "\r", "\r\n"):
        raise ValueError("illegal newline value: %s" % newline)
    if encoding is not None:
        if not isinstance(encoding, str):
            raise TypeError("open() argument 'encoding' must be str or None, not %s" % type(encoding).__name__)
        if encoding.lower() not in _ENCODINGS:
            raise LookupError("unknown encoding: %s" % encoding)
    plus = "+" in mode
    readable = "r" in mode or plus
    writable = "r" not in mode or plus
    append = "a" in mode
    path = _fs.open(file, "r" not in mode, "x" in mode, "w" in mode, writable)
    if binary:
        cls = BufferedRandom if plus else (BufferedReader if readable else BufferedWriter)
        return cls(file, path, mode, readable, writable, append, None, None, None)
    return TextIOWrapper(file, path, mode, readable, writable, append, encoding or "UTF-8",
                         errors or "strict", newline)


class _Stdin(_PieceReader):
    # sys.stdin: what the run was given on its standard input (nothing, unless given). It is
    # all there at once, so it reads by characters from a position (readlines and iteration
    # are the reader's).
    name = "<stdin>"
    mode = "r"
    encoding = "utf-8"
    closed = False

    def __init__(self):
        self._pos = 0

    def __repr__(self):
        return "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>"

    def _rest(self):
        return _fs.stdin()[self._pos:]

    def read(self, size=-1):
        rest = self._rest()
        if size is not None and size >= 0:
            rest = rest[:size]
        self._pos += len(rest)
        return rest

    def readline(self, size=-1):
        rest = self._rest()
        i = rest.find("\n")
        line = rest if i < 0 else rest[:i + 1]
        if size is not None and size >= 0:
            line = line[:size]
        self._pos += len(line)
        return line

    def fileno(self):
        return 0

    def isatty(self):
        return False

    def readable(self):
        return True

    def writable(self):
        return False

    def close(self):
        pass


stdin = _Stdin()


def input(prompt=None):
    import sys
    if prompt is not None:
        sys.stdout.write(str(prompt))
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError("EOF when reading a line")
    return line[:-1] if line.endswith("\n") else line
