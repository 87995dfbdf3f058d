# concsim's socket: TCP stream sockets of the simulated network (`sim::net`; real runs carry
# the bytes over real TCP between the run's processes, `real::sockets`), in CPython 3.11's
# design and with its errors. A connection is a pair of the kernel's pipe channels, one per
# direction, whose items are the byte strings each send() wrote; recv() reads them as one
# stream, keeping what a short read left over in the socket object.
# Invariant: a socket's state is here, in the process that made it (fd, address, channels,
# unread bytes); what the kernel sees is listen, accept, connect, put, get and close, so a
# run stays a function of its seed. Binding reserves the port (it is a listener from bind on:
# a connection to a bound socket that has not called listen() yet waits instead of being
# refused). UDP, IPv6 and Unix-domain addresses are named as unsupported; family and type
# are plain ints (concsim cannot subclass int: repr(s.type) is '1', not '<SocketKind...>').

import _concsim as _kernel

AF_UNSPEC = 0
AF_UNIX = 1
AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
SOCK_NONBLOCK = 2048
SOCK_CLOEXEC = 524288
SOL_SOCKET = 1
SOL_TCP = 6
SO_DEBUG = 1
SO_REUSEADDR = 2
SO_TYPE = 3
SO_ERROR = 4
SO_BROADCAST = 6
SO_SNDBUF = 7
SO_RCVBUF = 8
SO_KEEPALIVE = 9
SO_LINGER = 13
SO_REUSEPORT = 15
SO_RCVTIMEO = 20
SO_SNDTIMEO = 21
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
TCP_NODELAY = 1
SHUT_RD = 0
SHUT_WR = 1
SHUT_RDWR = 2
SOMAXCONN = 4096
MSG_PEEK = 2
MSG_DONTWAIT = 64
MSG_WAITALL = 256
INADDR_ANY = 0
INADDR_LOOPBACK = 0x7F000001
AI_PASSIVE = 1
has_ipv6 = True

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


_default_timeout = None
# The process's open sockets by descriptor (select() on an int finds its socket here).
_open = {}


def _new_fd():
    # The lowest descriptor no socket of this process holds, as the OS hands them out (the
    # process's own files are not counted: concsim's files have no descriptors here).
    fd = 3
    while fd in _open:
        fd += 1
    return fd


def _unsupported(what):
    return NotImplementedError("concsim does not support %s yet" % what)


def _host_port(address, who):
    if not isinstance(address, tuple):
        raise TypeError("%s(): AF_INET address must be tuple, not %s" % (who, type(address).__name__))
    if len(address) != 2:
        raise TypeError("AF_INET address must be a pair (host, port)")
    host, port = address
    if isinstance(host, bytes):
        host = host.decode()
    if not isinstance(host, str):
        raise TypeError("str, bytes or bytearray expected, not %s" % type(host).__name__)
    if not isinstance(port, int) or isinstance(port, bool):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(port).__name__)
    if not 0 <= port <= 65535:
        raise OverflowError("%s(): port must be 0-65535." % who)
    return host, port


def _bound_addr(host):
    # The address getsockname() shows for a socket bound to `host`.
    if host in ("", "0.0.0.0"):
        return "0.0.0.0"
    if host in ("localhost", "127.0.0.1"):
        return "127.0.0.1"
    return host


class socket:
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is not None:
            raise _unsupported("socket.socket(fileno=...)")
        family = AF_INET if family == -1 else family
        type = SOCK_STREAM if type == -1 else type
        proto = 0 if proto == -1 else proto
        if family == AF_UNIX:
            raise _unsupported("Unix-domain sockets (AF_UNIX)")
        if family == AF_INET6:
            raise _unsupported("IPv6 sockets (AF_INET6)")
        if family != AF_INET:
            raise OSError(97, "Address family not supported by protocol")
        kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
        if kind == SOCK_DGRAM:
            raise _unsupported("UDP sockets (SOCK_DGRAM)")
        if kind != SOCK_STREAM:
            raise OSError(94, "Socket type not supported")
        self._family = family
        self._type = kind
        self.proto = proto
        self._fd = _new_fd()
        _open[self._fd] = self
        self._timeout = 0.0 if type & SOCK_NONBLOCK else _default_timeout
        self._laddr = ("0.0.0.0", 0)
        self._peer = None
        self._listener = None  # the kernel's listener id, from bind() on
        self._listening = False
        self._accepted = []  # connections select() took on this listener, not accepted yet
        self._rid = None  # the channel this socket reads
        self._wid = None  # the channel this socket writes
        self._unread = b""
        self._eof = False
        self._shut_wr = False
        self._options = {}

    # --- what the socket is ---

    @property
    def family(self):
        return self._family

    @property
    def type(self):
        return self._type

    def fileno(self):
        return self._fd

    def __repr__(self):
        closed = self._fd == -1
        s = "<socket.socket%s fd=%d, family=%d, type=%d, proto=%d" % (
            " [closed]" if closed else "", self._fd, self._family, self._type, self.proto)
        if not closed:
            s += ", laddr=%r" % (self._laddr,)
            if self._peer is not None:
                s += ", raddr=%r" % (self._peer,)
        return s + ">"

    def __getstate__(self):
        raise TypeError("cannot pickle '%s' object" % type(self).__name__)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def _check_open(self):
        if self._fd == -1:
            raise OSError(9, "Bad file descriptor")

    def getsockname(self):
        self._check_open()
        return self._laddr

    def getpeername(self):
        self._check_open()
        if self._peer is None:
            raise OSError(107, "Transport endpoint is not connected")
        return self._peer

    # --- options and timeouts ---

    def setsockopt(self, level, optname, value, optlen=None):
        self._check_open()
        self._options[(level, optname)] = value

    def getsockopt(self, level, optname, buflen=None):
        self._check_open()
        if (level, optname) == (SOL_SOCKET, SO_TYPE):
            return int(self._type)
        if (level, optname) == (SOL_SOCKET, SO_ERROR):
            return 0
        return self._options.get((level, optname), 0)

    def settimeout(self, value):
        if value is not None:
            value = float(value)
            if value < 0:
                raise ValueError("Timeout value out of range")
        self._timeout = value

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0

    def getblocking(self):
        return self._timeout != 0.0

    # --- server side ---

    def bind(self, address):
        self._check_open()
        host, port = _host_port(address, "bind")
        if self._listener is not None or self._rid is not None:
            raise OSError(22, "Invalid argument")
        listener, port = _kernel.net_listen(port)
        self._listener = listener
        self._laddr = (_bound_addr(host), port)

    def listen(self, backlog=None):
        self._check_open()
        if self._rid is not None:
            raise OSError(22, "Invalid argument")
        if self._listener is None:
            # listen() without bind() listens on an ephemeral port, as Linux does.
            self._listener, port = _kernel.net_listen(0)
            self._laddr = ("0.0.0.0", port)
        self._listening = True

    def _take_connection(self, block):
        if self._accepted:
            return self._accepted.pop(0)
        return _kernel.net_accept(self._listener, block)

    def _accept_ready(self):
        # select(): a connection waits. Taking it from the kernel now keeps it for accept().
        if self._accepted:
            return True
        c = _kernel.net_accept(self._listener, False)
        if c is None:
            return False
        self._accepted.append(c)
        return True

    def accept(self):
        self._check_open()
        if not self._listening:
            raise OSError(22, "Invalid argument")
        if self._timeout is None:
            c = self._take_connection(True)
        else:
            import select

            c = select.poll_until(lambda: self._take_connection(False), self._timeout)
            if c is None:
                if self._timeout == 0.0:
                    raise BlockingIOError(11, "Resource temporarily unavailable")
                raise TimeoutError("timed out")
        rid, wid, peer = c
        conn = socket(self._family, self._type, self.proto)
        conn._rid, conn._wid, conn._peer = rid, wid, peer
        conn._laddr = (self._laddr[0] if self._laddr[0] != "0.0.0.0" else "127.0.0.1", self._laddr[1])
        # An accepted socket blocks unless a default timeout is set (CPython 3.11).
        conn._timeout = _default_timeout
        return conn, peer

    # --- client side ---

    def connect(self, address):
        self._check_open()
        host, port = _host_port(address, "connect")
        if self._rid is not None:
            raise OSError(106, "Transport endpoint is already connected")
        if self._listening:
            raise OSError(22, "Invalid argument")
        if self._listener is not None:
            # A bound socket that connects gives up the port it reserved.
            _kernel.net_unlisten(self._laddr[1])
            self._listener = None
        try:
            rid, wid, own = _kernel.net_connect(host, port)
        except OSError as e:
            if e.errno == -2:
                raise gaierror(-2, "Name or service not known") from None
            raise
        self._rid, self._wid = rid, wid
        self._laddr = own
        self._peer = (_bound_addr(host) if host not in ("", "0.0.0.0") else "127.0.0.1", port)

    def connect_ex(self, address):
        try:
            self.connect(address)
        except OSError as e:
            return e.errno
        return 0

    # --- the byte stream ---

    def _data(self, data):
        # (concsim has no bytearray or memoryview: bytes is the one bytes-like type.)
        if not isinstance(data, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        return bytes(data)

    def send(self, data, flags=0):
        self._check_open()
        data = self._data(data)
        if self._wid is None or self._shut_wr:
            raise BrokenPipeError(32, "Broken pipe")
        if data:
            _kernel.chan_put(self._wid, data)
        return len(data)

    def sendall(self, data, flags=0):
        self.send(data, flags)

    def sendto(self, *args):
        raise _unsupported("UDP sockets (sendto)")

    def recvfrom(self, *args):
        raise _unsupported("UDP sockets (recvfrom)")

    def _fill(self):
        # Waits, as the socket's timeout says, for the next bytes; False at a timeout.
        if self._timeout is None:
            block, wait = True, None
        else:
            block, wait = self._timeout != 0.0, self._timeout
        try:
            ok, item = _kernel.chan_get(self._rid, block, wait)
        except EOFError:
            self._eof = True
            return True
        if not ok:
            return False
        self._unread += item
        return True

    def recv(self, bufsize, flags=0):
        self._check_open()
        if not isinstance(bufsize, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(bufsize).__name__)
        if bufsize < 0:
            raise ValueError("negative buffersize in recv")
        if self._rid is None:
            raise OSError(107, "Transport endpoint is not connected")
        if bufsize == 0:
            return b""
        if not self._unread and not self._eof and not self._fill():
            if self._timeout == 0.0:
                raise BlockingIOError(11, "Resource temporarily unavailable")
            raise TimeoutError("timed out")
        data = self._unread[:bufsize]
        if not flags & MSG_PEEK:
            self._unread = self._unread[bufsize:]
        return data

    def recv_into(self, buffer, nbytes=0, flags=0):
        data = self.recv(nbytes or len(buffer), flags)
        buffer[: len(data)] = data
        return len(data)

    def _readable(self):
        # select(): recv() would not block (bytes here or arrived, end of file, or a
        # connection to accept).
        if self._fd == -1:
            raise ValueError("file descriptor cannot be a negative integer (-1)")
        if self._listening:
            return self._accept_ready()
        if self._rid is None:
            return False
        return bool(self._unread) or self._eof or _kernel.chan_poll(self._rid, 0)

    def _writable(self):
        return self._wid is not None

    def shutdown(self, how):
        self._check_open()
        if how not in (SHUT_RD, SHUT_WR, SHUT_RDWR):
            raise OSError(22, "Invalid argument")
        if self._rid is None:
            raise OSError(107, "Transport endpoint is not connected")
        if how != SHUT_RD and not self._shut_wr:
            self._shut_wr = True
            _kernel.chan_close(self._wid)

    def close(self):
        if self._fd == -1:
            return
        if self._wid is not None and not self._shut_wr:
            _kernel.chan_close(self._wid)
        if self._listener is not None:
            _kernel.net_unlisten(self._laddr[1])
        _open.pop(self._fd, None)
        self._fd = -1
        self._shut_wr = True

    def detach(self):
        raise _unsupported("socket.detach()")

    def dup(self):
        raise _unsupported("socket.dup()")

    def makefile(self, mode="r", buffering=None, *, encoding=None, errors=None, newline=None):
        for c in mode:
            if c not in "rwb":
                raise ValueError("invalid mode %r (only r, w, b allowed)" % (mode,))
        f = SocketFile(self, "w" in mode, "r" in mode or "w" not in mode)
        if "b" in mode:
            return f
        return _TextSocketFile(f, encoding or "utf-8", errors or "strict")


SocketType = socket


class SocketFile:
    # The file socket.makefile() returns in binary mode: reads whole lines and sizes over
    # recv(), writes with sendall(). Closing it leaves the socket open, as CPython's does.
    def __init__(self, sock, writing, reading):
        self._sock = sock
        self._writing = writing
        self._reading = reading
        self.closed = False
        self.mode = ("r" if reading else "") + ("w" if writing else "") + "b"

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def readable(self):
        return self._reading

    def writable(self):
        return self._writing

    def fileno(self):
        return self._sock.fileno()

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            chunks = []
            while True:
                b = self._sock.recv(65536)
                if not b:
                    return b"".join(chunks)
                chunks.append(b)
        out = b""
        while len(out) < size:
            b = self._sock.recv(size - len(out))
            if not b:
                break
            out += b
        return out

    def readline(self, size=-1):
        self._check()
        s = self._sock
        out = b""
        while size is None or size < 0 or len(out) < size:
            if not s._unread and not s._eof:
                s._fill()
            if not s._unread:
                break
            limit = len(s._unread) if size is None or size < 0 else size - len(out)
            nl = s._unread.find(b"\n", 0, limit)
            take = nl + 1 if nl >= 0 else min(limit, len(s._unread))
            out += s._unread[:take]
            s._unread = s._unread[take:]
            if nl >= 0:
                break
        return out

    def readlines(self):
        return list(self)

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def write(self, b):
        self._check()
        if not self._writing:
            raise OSError("File not open for writing")
        self._sock.sendall(b)
        return len(b)

    def flush(self):
        self._check()

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class _TextSocketFile:
    def __init__(self, raw, encoding, errors):
        self.buffer = raw
        self.encoding = encoding
        self.errors = errors

    @property
    def closed(self):
        return self.buffer.closed

    def read(self, size=-1):
        return self.buffer.read(size).decode(self.encoding, self.errors)

    def readline(self, size=-1):
        return self.buffer.readline(size).decode(self.encoding, self.errors)

    def __iter__(self):
        for line in self.buffer:
            yield line.decode(self.encoding, self.errors)

    def write(self, s):
        self.buffer.write(s.encode(self.encoding, self.errors))
        return len(s)

    def flush(self):
        pass

    def close(self):
        self.buffer.close()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    a = socket.__new__(socket)
    b = socket.__new__(socket)
    ab = _kernel.chan_new(0, True)
    ba = _kernel.chan_new(0, True)
    for s, rid, wid in ((a, ba, ab), (b, ab, ba)):
        socket.__init__(s, AF_INET, type, proto)
        s._family = family
        s._rid, s._wid = rid, wid
        s._laddr = ""
        s._peer = ""
    return a, b


def create_connection(address, timeout=object(), source_address=None, *, all_errors=False):
    host, port = address
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)
    try:
        if isinstance(timeout, (int, float)) or timeout is None:
            s.settimeout(timeout)
        if source_address:
            s.bind(source_address)
        s.connect((host, port))
        return s
    except BaseException:
        s.close()
        raise


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False):
    s = socket(family, SOCK_STREAM)
    try:
        s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        s.bind(address)
        s.listen(backlog)
        return s
    except BaseException:
        s.close()
        raise


def getdefaulttimeout():
    return _default_timeout


def setdefaulttimeout(timeout):
    global _default_timeout
    if timeout is not None:
        timeout = float(timeout)
        if timeout < 0:
            raise ValueError("Timeout value out of range")
    _default_timeout = timeout


def gethostname():
    # The simulated machine of a one-host run is named localhost (`sim::HostProgram`); the
    # hosts of a multi-host scenario are not told their names yet.
    return "localhost"


def gethostbyname(hostname):
    if hostname in ("", "0.0.0.0"):
        return "0.0.0.0"
    if hostname in ("localhost", "127.0.0.1", gethostname()):
        return "127.0.0.1"
    parts = hostname.split(".")
    if len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts):
        return hostname
    raise gaierror(-2, "Name or service not known")


def getfqdn(name=""):
    return name or gethostname()


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    addr = gethostbyname(host) if host is not None else "127.0.0.1"
    return [(AF_INET, SOCK_STREAM, IPPROTO_TCP, "", (addr, port))]


def htons(x):
    return ((x & 0xFF) << 8) | ((x >> 8) & 0xFF)


ntohs = htons


def htonl(x):
    return int.from_bytes((x & 0xFFFFFFFF).to_bytes(4, "little"), "big")


ntohl = htonl


def inet_aton(ip):
    parts = ip.split(".")
    if len(parts) != 4 or not all(p.isdigit() and int(p) < 256 for p in parts):
        raise OSError("illegal IP address string passed to inet_aton")
    return bytes(int(p) for p in parts)


def inet_ntoa(packed):
    if len(packed) != 4:
        raise OSError("packed IP wrong length for inet_ntoa")
    return ".".join(str(b) for b in packed)
