# io.TextIOWrapper(buffer, ...) over a binary stream (a Popen pipe, io.BytesIO, a socket's
# makefile('rb')...): CPython 3.11's text layer as seen from outside. Fetched on demand: the
# file objects of open() (_concsim_io.TextIOWrapper) become this class when constructed with
# a buffer instead of a path. Reads take what the buffer has (read1 when it has one, so a
# pipe gives a line as soon as it arrives); writes are kept here until flush(), close(), a
# newline with line_buffering, every write with write_through, or a full chunk, as CPython's
# pending buffer is. Invariant: the buffer is only touched through its own methods.

import _concsim_io

_CHUNK = 8192


class TextIOWrapper(_concsim_io.TextIOWrapper):
    def _wrap(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False, write_through=False):
        if encoding is None:
            encoding = "utf-8"
        elif encoding.lower() not in _concsim_io._ENCODINGS:
            raise LookupError("unknown encoding: %s" % encoding)
        if newline is not None and newline not in ("", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % newline)
        self._b = buffer
        self._encoding = encoding
        self._errors = errors or "strict"
        self._newline = newline
        self.line_buffering = bool(line_buffering)
        self.write_through = bool(write_through)
        self._in = b""
        self._eof = False
        self._out = b""
        self._detached = False

    def __repr__(self):
        name = getattr(self._b, "name", None)
        where = "" if name is None else " name=%r" % (name,)
        return "<_io.TextIOWrapper%s encoding=%r>" % (where, self._encoding)

    @property
    def buffer(self):
        return self._b

    @property
    def name(self):
        return self._b.name

    @property
    def closed(self):
        return self._b.closed

    def _check(self):
        if self._detached:
            raise ValueError("underlying buffer has been detached")
        if self._b.closed:
            raise _concsim_io._closed_error()

    def readable(self):
        self._check()
        return self._b.readable()

    def writable(self):
        self._check()
        return self._b.writable()

    def seekable(self):
        return False

    def fileno(self):
        return self._b.fileno()

    def isatty(self):
        return False

    # --- reading ---

    def _fill(self):
        r = getattr(self._b, "read1", None)
        data = r(_CHUNK) if r is not None else self._b.read(_CHUNK)
        if not data:
            self._eof = True
        self._in += data

    def _text(self, data):
        text = self._decode(data)
        if self._newline is None:
            text = _concsim_io._translate(text)
        return text

    def read(self, size=-1):
        self._check()
        if not self._b.readable():
            raise _concsim_io.UnsupportedOperation("not readable")
        if size is None or size < 0:
            while not self._eof:
                self._fill()
            data, self._in = self._in, b""
            return self._text(data)
        while True:
            # Whole characters only: a multi-byte one split between pieces waits for the rest.
            text = self._decode(self._in[:len(self._in) - self._partial()])
            if len(text) >= size or self._eof:
                break
            self._fill()
        part = text[:size]
        self._in = self._in[len(self._encode(part)):]
        return _concsim_io._translate(part) if self._newline is None else part

    def _partial(self):
        # How many bytes at the end start a UTF-8 character that is not complete yet.
        if self._eof or _concsim_io._ENCODINGS.get(self._encoding.lower()) != "utf-8":
            return 0
        for k in (1, 2, 3):
            if len(self._in) >= k:
                c = self._in[-k]
                if c >= 0xC0:
                    need = 2 if c < 0xE0 else (3 if c < 0xF0 else 4)
                    return k if need > k else 0
                if c < 0x80:
                    return 0
        return 0

    def readline(self, size=-1):
        self._check()
        if size is None:
            size = -1
        while self._eol() < 0 and not self._eof and not (0 <= size <= len(self._in)):
            self._fill()
        n = self._eol()
        if n < 0:
            n = len(self._in)
        line, self._in = self._in[:n], self._in[n:]
        text = self._text(line)
        if 0 <= size < len(text):
            self._in = self._encode(text[size:]) + self._in
            text = text[:size]
        return text

    def _eol(self):
        # Where the first line of what is here ends, or -1: any of \n, \r\n, \r in universal
        # mode (a \r last waits for the next byte), else the newline given.
        b = self._in
        if self._newline:
            i = b.find(self._newline.encode())
            return i if i < 0 else i + len(self._newline)
        i = b.find(b"\n")
        j = b.find(b"\r")
        if j < 0 or 0 <= i < j:
            return i if i < 0 else i + 1
        if j + 1 < len(b):
            return j + 2 if b[j + 1] == 10 else j + 1
        return j + 1 if self._eof else -1

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    # --- writing ---

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        text = s
        if self._newline not in (None, "", "\n"):
            text = text.replace("\n", self._newline)
        self._out += self._encode(text)
        if self.line_buffering and ("\n" in s or "\r" in s):
            self.flush()
        elif self.write_through or len(self._out) >= _CHUNK:
            self._push()
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def _push(self):
        if self._out:
            data, self._out = self._out, b""
            self._b.write(data)

    def flush(self):
        self._check()
        self._push()
        self._b.flush()

    def close(self):
        if self._detached or self._b.closed:
            return
        try:
            self.flush()
        finally:
            self._b.close()

    def detach(self):
        self._check()
        self.flush()
        self._detached = True
        return self._b

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()


TextIOWrapper.__module__ = "_io"
