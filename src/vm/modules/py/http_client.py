# http.client: CPython 3.11's HTTP/1.1 client over concsim's simulated sockets:
# HTTPConnection (request, putrequest/putheader/endheaders/send, getresponse, close),
# HTTPResponse (status, reason, version, headers, getheader(s), read with Content-Length,
# chunked or read-to-close bodies, readline-free), HTTPMessage (case-insensitive headers),
# parse_headers, the responses table and the exceptions, with CPython's messages.
# Invariant: one request at a time per connection: a new request is refused
# (CannotSendRequest / ResponseNotReady) until the previous response was read.
# Not supported: HTTPSConnection (no TLS: NotImplementedError), proxies (set_tunnel),
# 100-continue, pipelining.

import socket
from http import HTTPStatus

__all__ = ["HTTPResponse", "HTTPConnection", "HTTPSConnection", "HTTPException",
           "NotConnected", "UnknownProtocol", "UnknownTransferEncoding", "UnimplementedFileMode",
           "IncompleteRead", "InvalidURL", "ImproperConnectionState", "CannotSendRequest",
           "CannotSendHeader", "ResponseNotReady", "BadStatusLine", "LineTooLong",
           "RemoteDisconnected", "error", "responses", "HTTPMessage", "parse_headers"]

HTTP_PORT = 80
HTTPS_PORT = 443
_MAXLINE = 65536
_MAXHEADERS = 100
responses = {s.value: s.phrase for s in HTTPStatus}  # keyed by int (see http.server)

def _status_names():
    import _concsim
    me = _concsim.imported("http.client")
    for s in HTTPStatus:
        setattr(me, s.name, s)


_status_names()


class HTTPException(Exception):
    pass


class NotConnected(HTTPException):
    pass


class InvalidURL(HTTPException):
    pass


class UnknownProtocol(HTTPException):
    def __init__(self, version):
        self.args = (version,)
        self.version = version


class UnknownTransferEncoding(HTTPException):
    pass


class UnimplementedFileMode(HTTPException):
    pass


class IncompleteRead(HTTPException):
    def __init__(self, partial, expected=None):
        self.args = (partial,)
        self.partial = partial
        self.expected = expected

    def __repr__(self):
        e = ", %i more expected" % self.expected if self.expected is not None else ""
        return "%s(%i bytes read%s)" % (self.__class__.__name__, len(self.partial), e)

    __str__ = object.__str__


class ImproperConnectionState(HTTPException):
    pass


class CannotSendRequest(ImproperConnectionState):
    pass


class CannotSendHeader(ImproperConnectionState):
    pass


class ResponseNotReady(ImproperConnectionState):
    pass


class BadStatusLine(HTTPException):
    def __init__(self, line):
        if not line:
            line = repr(line)
        self.args = (line,)
        self.line = line


class LineTooLong(HTTPException):
    def __init__(self, line_type):
        HTTPException.__init__(self, "got more than %d bytes when reading %s"
                               % (_MAXLINE, line_type))


class RemoteDisconnected(ConnectionResetError, BadStatusLine):
    def __init__(self, *pos, **kw):
        BadStatusLine.__init__(self, "")
        ConnectionResetError.__init__(self, *pos, **kw)


error = HTTPException


class HTTPMessage:
    # The headers of a request or response: an ordered list of (name, value), looked up
    # without regard to case (CPython's is an email.message.Message).
    def __init__(self):
        self._headers = []

    def __setitem__(self, name, value):
        self._headers.append((name, value))

    def __getitem__(self, name):
        return self.get(name)

    def __delitem__(self, name):
        low = name.lower()
        self._headers = [(k, v) for k, v in self._headers if k.lower() != low]

    def __contains__(self, name):
        low = name.lower()
        return any(k.lower() == low for k, v in self._headers)

    def __iter__(self):
        return iter([k for k, v in self._headers])

    def __len__(self):
        return len(self._headers)

    def get(self, name, failobj=None):
        low = name.lower()
        for k, v in self._headers:
            if k.lower() == low:
                return v
        return failobj

    def get_all(self, name, failobj=None):
        low = name.lower()
        values = [v for k, v in self._headers if k.lower() == low]
        return values or failobj

    getallmatchingheaders = get_all

    def keys(self):
        return [k for k, v in self._headers]

    def values(self):
        return [v for k, v in self._headers]

    def items(self):
        return list(self._headers)

    def get_content_type(self):
        ctype = self.get("content-type", "text/plain")
        return ctype.split(";")[0].strip().lower()

    def get_content_charset(self, failobj=None):
        for part in self.get("content-type", "").split(";")[1:]:
            k, _, v = part.strip().partition("=")
            if k.lower() == "charset":
                return v.strip('"').lower()
        return failobj

    def __str__(self):
        return "".join("%s: %s\n" % kv for kv in self._headers) + "\n"

    def as_string(self):
        return str(self)


def _read_line(fp, what):
    line = fp.readline(_MAXLINE + 1)
    if len(line) > _MAXLINE:
        raise LineTooLong(what)
    return line


def parse_headers(fp, _class=HTTPMessage):
    msg = _class()
    count = 0
    last = None
    while True:
        line = _read_line(fp, "header line")
        count += 1
        if count > _MAXHEADERS:
            raise HTTPException("got more than %d headers" % _MAXHEADERS)
        if line in (b"\r\n", b"\n", b""):
            break
        text = line.decode("iso-8859-1")
        if text[:1] in (" ", "\t") and last is not None:
            k, v = msg._headers[-1]
            msg._headers[-1] = (k, v + " " + text.strip())
            continue
        name, _, value = text.partition(":")
        msg[name.strip()] = value.strip()
        last = name
    return msg


class HTTPResponse:
    def __init__(self, sock, debuglevel=0, method=None, url=None):
        self.fp = sock.makefile("rb")
        # The connection's socket once the connection let go of it (a response that closes
        # the connection): closed with the response, as CPython's makefile reference keeps
        # the socket open until then.
        self._owned_sock = None
        self._method = method
        self.headers = self.msg = None
        self.version = 0
        self.status = None
        self.reason = None
        self.chunked = False
        self.length = None
        self.will_close = True
        self.closed = False

    def begin(self):
        while True:
            line = str(_read_line(self.fp, "status line"), "iso-8859-1")
            if not line:
                raise RemoteDisconnected("Remote end closed connection without response")
            try:
                version, status, reason = line.split(None, 2)
            except ValueError:
                try:
                    version, status = line.split(None, 1)
                    reason = ""
                except ValueError:
                    version = ""
            if not version.startswith("HTTP/"):
                self._close_conn()
                raise BadStatusLine(line)
            try:
                status = int(status)
                if status < 100 or status > 999:
                    raise BadStatusLine(line)
            except ValueError:
                raise BadStatusLine(line)
            if status != 100:
                break
            parse_headers(self.fp)
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise UnknownProtocol(version)
        self.headers = self.msg = parse_headers(self.fp)
        te = self.headers.get("transfer-encoding")
        self.chunked = bool(te and te.lower() == "chunked")
        conn = (self.headers.get("connection") or "").lower()
        self.will_close = self.version == 10 or "close" in conn
        length = self.headers.get("content-length")
        self.length = None
        if length and not self.chunked:
            try:
                self.length = int(length)
            except ValueError:
                self.length = None
            else:
                if self.length < 0:
                    self.length = None
        if (status in (204, 304) or 100 <= status < 200 or self._method == "HEAD"):
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True

    def _close_conn(self):
        fp = self.fp
        self.fp = None
        if fp is not None:
            fp.close()
        sock = self._owned_sock
        self._owned_sock = None
        if sock is not None:
            sock.close()

    def close(self):
        self.closed = True
        self._close_conn()

    def isclosed(self):
        return self.fp is None

    def read(self, amt=None):
        if self.fp is None:
            return b""
        if self._method == "HEAD":
            self._close_conn()
            return b""
        if self.chunked:
            return self._read_chunked(amt)
        if amt is not None:
            if self.length is not None and amt > self.length:
                amt = self.length
            data = self.fp.read(amt)
            if not data and amt:
                self._close_conn()
            elif self.length is not None:
                self.length -= len(data)
                if not self.length:
                    self._close_conn()
            return data
        if self.length is None:
            s = self.fp.read()
        else:
            s = self.fp.read(self.length)
            if len(s) < self.length:
                got = len(s)
                self._close_conn()
                raise IncompleteRead(s, self.length - got)
            self.length = 0
        self._close_conn()
        return s

    def _read_chunked(self, amt=None):
        parts = []
        while True:
            line = _read_line(self.fp, "chunk size")
            size = int(line.split(b";", 1)[0], 16)
            if size == 0:
                while _read_line(self.fp, "trailer line") not in (b"\r\n", b"\n", b""):
                    pass
                break
            parts.append(self.fp.read(size))
            self.fp.read(2)
        self._close_conn()
        return b"".join(parts)

    def getheader(self, name, default=None):
        if self.headers is None:
            raise ResponseNotReady()
        headers = self.headers.get_all(name) or default
        if isinstance(headers, (list, tuple)):
            return ", ".join(headers)
        return headers

    def getheaders(self):
        if self.headers is None:
            raise ResponseNotReady()
        return list(self.headers.items())

    def getcode(self):
        return self.status

    def info(self):
        return self.headers

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        return iter(self.read().splitlines(True))


_IDLE, _REQ_STARTED, _REQ_SENT = "Idle", "Request-started", "Request-sent"


class HTTPConnection:
    _http_vsn = 11
    _http_vsn_str = "HTTP/1.1"
    response_class = HTTPResponse
    default_port = HTTP_PORT
    auto_open = 1
    debuglevel = 0

    def __init__(self, host, port=None, timeout=None, source_address=None, blocksize=8192):
        self.timeout = timeout
        self.source_address = source_address
        self.sock = None
        self._buffer = []
        self.__response = None
        self.__state = _IDLE
        self._method = None
        self.host, self.port = self._get_hostport(host, port)

    def _get_hostport(self, host, port):
        if port is None:
            i = host.rfind(":")
            j = host.rfind("]")
            if i > j:
                try:
                    port = int(host[i + 1:])
                except ValueError:
                    if host[i + 1:] == "":
                        port = self.default_port
                    else:
                        raise InvalidURL("nonnumeric port: '%s'" % host[i + 1:])
                host = host[:i]
            else:
                port = self.default_port
        if host and host[0] == "[" and host[-1] == "]":
            host = host[1:-1]
        return host, port

    def set_debuglevel(self, level):
        self.debuglevel = level

    def set_tunnel(self, host, port=None, headers=None):
        raise NotImplementedError("concsim does not support HTTP tunnels (set_tunnel) yet")

    def connect(self):
        if self.timeout is None:
            self.sock = socket.create_connection((self.host, self.port))
        else:
            self.sock = socket.create_connection((self.host, self.port), self.timeout)

    def close(self):
        self.__state = _IDLE
        try:
            sock = self.sock
            if sock:
                self.sock = None
                sock.close()
        finally:
            response = self.__response
            if response:
                self.__response = None
                response.close()

    def send(self, data):
        if self.sock is None:
            if self.auto_open:
                self.connect()
            else:
                raise NotConnected()
        if isinstance(data, str):
            data = data.encode("iso-8859-1")
        self.sock.sendall(data)

    def _output(self, s):
        self._buffer.append(s)

    def _send_output(self, message_body=None, encode_chunked=False):
        self._buffer.extend((b"", b""))
        msg = b"\r\n".join(self._buffer)
        self._buffer = []
        if isinstance(message_body, str):
            message_body = message_body.encode("iso-8859-1")
        if message_body is not None and not encode_chunked:
            msg += message_body
            message_body = None
        self.send(msg)
        if message_body is not None:
            self.send(("%X\r\n" % len(message_body)).encode("ascii") + message_body
                      + b"\r\n0\r\n\r\n")

    def putrequest(self, method, url, skip_host=False, skip_accept_encoding=False):
        if self.__response and self.__response.isclosed():
            self.__response = None
        if self.__state == _IDLE:
            self.__state = _REQ_STARTED
        else:
            raise CannotSendRequest(self.__state)
        self._method = method
        url = url or "/"
        for c in url:
            if ord(c) <= 32 or ord(c) == 127:
                raise InvalidURL("URL can't contain control characters. %r (found at least %r)"
                                 % (url, c))
        request = "%s %s %s" % (method, url, self._http_vsn_str)
        self._output(request.encode("ascii"))
        if not skip_host:
            host = self.host
            if ":" in host:
                host = "[" + host + "]"
            if self.port == self.default_port:
                self.putheader("Host", host)
            else:
                self.putheader("Host", "%s:%s" % (host, self.port))
        if not skip_accept_encoding:
            self.putheader("Accept-Encoding", "identity")

    def putheader(self, header, *values):
        if self.__state != _REQ_STARTED:
            raise CannotSendHeader()
        if isinstance(header, str):
            header = header.encode("ascii")
        vals = []
        for v in values:
            if isinstance(v, str):
                v = v.encode("latin-1")
            elif isinstance(v, int):
                v = str(v).encode("ascii")
            vals.append(v)
        self._output(header + b": " + b"\r\n\t".join(vals))

    def endheaders(self, message_body=None, *, encode_chunked=False):
        if self.__state == _REQ_STARTED:
            self.__state = _REQ_SENT
        else:
            raise CannotSendHeader()
        self._send_output(message_body, encode_chunked=encode_chunked)

    def request(self, method, url, body=None, headers={}, *, encode_chunked=False):
        header_names = frozenset(k.lower() for k in headers)
        skips = {}
        if "host" in header_names:
            skips["skip_host"] = 1
        if "accept-encoding" in header_names:
            skips["skip_accept_encoding"] = 1
        self.putrequest(method, url, **skips)
        if "content-length" not in header_names and "transfer-encoding" not in header_names:
            if body is None:
                if method.upper() in ("PATCH", "POST", "PUT"):
                    self.putheader("Content-Length", "0")
            else:
                if isinstance(body, str):
                    body = body.encode("iso-8859-1")
                self.putheader("Content-Length", str(len(body)))
        for hdr, value in headers.items():
            self.putheader(hdr, value)
        if isinstance(body, str):
            body = body.encode("iso-8859-1")
        self.endheaders(body, encode_chunked=encode_chunked)

    def getresponse(self):
        if self.__response and self.__response.isclosed():
            self.__response = None
        if self.__state != _REQ_SENT or self.__response:
            raise ResponseNotReady(self.__state)
        response = self.response_class(self.sock, method=self._method)
        try:
            response.begin()
            self.__state = _IDLE
            if response.will_close:
                response._owned_sock = self.sock
                self.sock = None
                self.close()
            else:
                self.__response = response
            return response
        except:
            response.close()
            raise


class HTTPSConnection(HTTPConnection):
    default_port = HTTPS_PORT

    def __init__(self, *args, **kwargs):
        raise NotImplementedError("concsim does not support HTTPS (http.client.HTTPSConnection) "
                                  "yet: the simulated machine has no TLS")
