# asyncio.streams for concsim, in CPython 3.11's design: a StreamReader is a buffer the
# transport feeds and coroutines wait on; a StreamWriter writes through the transport.
# Fetched on demand: asyncio's own module names it lazily (`asyncio.open_connection`...).
#
# Transports: CPython's selector loop reads a socket or pipe when epoll says it is readable.
# Here a helper thread of the simulated machine (daemon, named as CPython's watcher threads
# are, so user threads keep their numbers) does the blocking read and hands each piece to
# the loop with call_soon_threadsafe, which wakes the loop's idle wait; writes never block
# (the kernel's channels are unbounded), so they go out at once, as CPython's first
# os.write/send of an empty buffer does. Invariant: a transport's state changes only on the
# loop's thread; the helper threads only read and schedule callbacks.

import asyncio as _asyncio
__file__ = "/usr/lib/python3.11/asyncio/streams.py"
import threading as _threading
import socket as _socket

__all__ = ["StreamReader", "StreamWriter", "StreamReaderProtocol", "open_connection", "start_server",
           "IncompleteReadError", "LimitOverrunError"]

_DEFAULT_LIMIT = 2 ** 16


class IncompleteReadError(EOFError):
    __module__ = "asyncio.exceptions"

    def __init__(self, partial, expected):
        shown = "undefined" if expected is None else repr(expected)
        super().__init__("%d bytes read on a total of %s expected bytes" % (len(partial), shown))
        self.partial = partial
        self.expected = expected

    def __reduce__(self):
        return type(self), (self.partial, self.expected)


class LimitOverrunError(Exception):
    __module__ = "asyncio.exceptions"

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed

    def __reduce__(self):
        return type(self), (self.args[0], self.consumed)


_helpers = [0]


def _pump(loop, read, on_data, on_eof, name):
    # A helper thread: each piece `read()` returns goes to the loop; b"" (or an error) ends it.
    def run():
        while True:
            try:
                data = read()
            except Exception:
                data = b""
            try:
                if not data:
                    loop.call_soon_threadsafe(on_eof)
                    return
                loop.call_soon_threadsafe(on_data, data)
            except RuntimeError:
                return  # the loop is closed

    _helpers[0] += 1
    _threading.Thread(target=run, name="%s-%d" % (name, _helpers[0]), daemon=True).start()


class StreamReader:
    def __init__(self, limit=_DEFAULT_LIMIT, loop=None):
        if limit <= 0:
            raise ValueError("Limit cannot be <= 0")
        self._limit = limit
        self._loop = _asyncio.get_event_loop() if loop is None else loop
        self._buffer = b""
        self._eof = False
        self._waiter = None
        self._exception = None
        self._transport = None

    def __repr__(self):
        info = ["StreamReader"]
        if self._buffer:
            info.append("%d bytes" % len(self._buffer))
        if self._eof:
            info.append("eof")
        if self._limit != _DEFAULT_LIMIT:
            info.append("limit=%d" % self._limit)
        if self._waiter:
            info.append("waiter=%r" % self._waiter)
        if self._exception:
            info.append("exception=%r" % self._exception)
        if self._transport:
            info.append("transport=%r" % self._transport)
        return "<%s>" % " ".join(info)

    def exception(self):
        return self._exception

    def set_exception(self, exc):
        self._exception = exc
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.cancelled():
                waiter.set_exception(exc)

    def _wakeup_waiter(self):
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.cancelled():
                waiter.set_result(None)

    def set_transport(self, transport):
        self._transport = transport

    def feed_eof(self):
        self._eof = True
        self._wakeup_waiter()

    def at_eof(self):
        return self._eof and not self._buffer

    def feed_data(self, data):
        if not data:
            return
        self._buffer += bytes(data)
        self._wakeup_waiter()

    async def _wait_for_data(self, func_name):
        if self._waiter is not None:
            raise RuntimeError("%s() called while another coroutine is already waiting for incoming data"
                               % func_name)
        self._waiter = self._loop.create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None

    async def readline(self):
        try:
            line = await self.readuntil(b"\n")
        except IncompleteReadError as e:
            return e.partial
        except LimitOverrunError as e:
            if self._buffer.startswith(b"\n", e.consumed):
                self._buffer = self._buffer[e.consumed + 1:]
            else:
                self._buffer = b""
            raise ValueError(e.args[0])
        return line

    async def readuntil(self, separator=b"\n"):
        seplen = len(separator)
        if seplen == 0:
            raise ValueError("Separator should be at least one-byte string")
        if self._exception is not None:
            raise self._exception
        offset = 0
        while True:
            buflen = len(self._buffer)
            if buflen - offset >= seplen:
                isep = self._buffer.find(separator, offset)
                if isep != -1:
                    break
                offset = buflen + 1 - seplen
                if offset > self._limit:
                    raise LimitOverrunError("Separator is not found, and chunk exceed the limit", offset)
            if self._eof:
                chunk = self._buffer
                self._buffer = b""
                raise IncompleteReadError(chunk, None)
            await self._wait_for_data("readuntil")
        if isep > self._limit:
            raise LimitOverrunError("Separator is found, but chunk is longer than limit", isep)
        chunk = self._buffer[:isep + seplen]
        self._buffer = self._buffer[isep + seplen:]
        return chunk

    async def read(self, n=-1):
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b""
        if n < 0:
            blocks = []
            while True:
                block = await self.read(self._limit)
                if not block:
                    break
                blocks.append(block)
            return b"".join(blocks)
        if not self._buffer and not self._eof:
            await self._wait_for_data("read")
        data = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return data

    async def readexactly(self, n):
        if n < 0:
            raise ValueError("readexactly size can not be less than zero")
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b""
        while len(self._buffer) < n:
            if self._eof:
                incomplete = self._buffer
                self._buffer = b""
                raise IncompleteReadError(incomplete, n)
            await self._wait_for_data("readexactly")
        data = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return data

    def __aiter__(self):
        return self

    async def __anext__(self):
        val = await self.readline()
        if val == b"":
            raise StopAsyncIteration
        return val


class StreamReaderProtocol:
    # Between a transport and its reader: data and end of file go to the reader; a
    # connection's handler (start_server's callback) starts when it is made.
    def __init__(self, stream_reader, client_connected_cb=None, loop=None):
        self._loop = _asyncio.get_event_loop() if loop is None else loop
        self._stream_reader = stream_reader
        self._stream_writer = None
        self._client_connected_cb = client_connected_cb
        self._task = None
        self._closed = self._loop.create_future()
        self._connection_lost = False

    def connection_made(self, transport):
        reader = self._stream_reader
        if reader is not None:
            reader.set_transport(transport)
        if self._client_connected_cb is not None:
            self._stream_writer = StreamWriter(transport, self, reader, self._loop)
            res = self._client_connected_cb(reader, self._stream_writer)
            if _asyncio.iscoroutine(res):
                self._task = self._loop.create_task(res)

    def connection_lost(self, exc):
        reader = self._stream_reader
        if reader is not None:
            if exc is None:
                reader.feed_eof()
            else:
                reader.set_exception(exc)
        if not self._closed.done():
            if exc is None:
                self._closed.set_result(None)
            else:
                self._closed.set_exception(exc)
        self._connection_lost = True
        self._stream_reader = None
        self._stream_writer = None
        self._task = None

    def data_received(self, data):
        if self._stream_reader is not None:
            self._stream_reader.feed_data(data)

    def eof_received(self):
        if self._stream_reader is not None:
            self._stream_reader.feed_eof()
        return True

    async def _drain_helper(self):
        if self._connection_lost:
            raise ConnectionResetError("Connection lost")

    def _get_close_waiter(self, stream):
        return self._closed


class StreamWriter:
    def __init__(self, transport, protocol, reader, loop):
        self._transport = transport
        self._protocol = protocol
        self._reader = reader
        self._loop = loop

    def __repr__(self):
        info = ["StreamWriter", "transport=%r" % self._transport]
        if self._reader is not None:
            info.append("reader=%r" % self._reader)
        return "<%s>" % " ".join(info)

    @property
    def transport(self):
        return self._transport

    def write(self, data):
        self._transport.write(data)

    def writelines(self, data):
        self._transport.write(b"".join(data))

    def write_eof(self):
        return self._transport.write_eof()

    def can_write_eof(self):
        return self._transport.can_write_eof()

    def close(self):
        return self._transport.close()

    def is_closing(self):
        return self._transport.is_closing()

    async def wait_closed(self):
        await self._protocol._get_close_waiter(self)

    def get_extra_info(self, name, default=None):
        return self._transport.get_extra_info(name, default)

    async def drain(self):
        if self._reader is not None:
            exc = self._reader.exception()
            if exc is not None:
                raise exc
        if self._transport.is_closing():
            await _asyncio.sleep(0)
        await self._protocol._drain_helper()


def _check_data(data):
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("data argument must be a bytes-like object, not %r" % type(data).__name__)


class _SocketTransport:
    def __init__(self, loop, sock, protocol, server=None):
        self._loop = loop
        self._sock = sock
        self._protocol = protocol
        self._server = server
        self._closing = False
        self._eof = False
        self._extra = {"socket": sock, "sockname": sock.getsockname(), "peername": sock.getpeername()}
        if server is not None:
            server._attach()
        loop.call_soon(protocol.connection_made, self)
        loop.call_soon(_pump, loop, lambda: sock.recv(262144), self._data, self._read_eof, "asyncio-socket")

    def __repr__(self):
        state = " closing" if self._closing else ""
        return "<_SelectorSocketTransport%s fd=%d>" % (state, self._sock.fileno())

    def _data(self, data):
        if not self._closing:
            self._protocol.data_received(data)

    def _read_eof(self):
        if self._closing:
            return
        if not self._protocol.eof_received():
            self.close()

    def get_extra_info(self, name, default=None):
        return self._extra.get(name, default)

    def is_closing(self):
        return self._closing

    def write(self, data):
        _check_data(data)
        if self._eof:
            raise RuntimeError("Cannot call write() after write_eof()")
        if not data or self._sock.fileno() == -1:
            return
        try:
            self._sock.send(bytes(data))
        except OSError:
            pass

    def can_write_eof(self):
        return True

    def write_eof(self):
        if self._closing or self._eof:
            return
        self._eof = True
        self._sock.shutdown(_socket.SHUT_WR)

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._loop.call_soon(self._call_connection_lost, None)

    def abort(self):
        self.close()

    def _call_connection_lost(self, exc):
        try:
            self._protocol.connection_lost(exc)
        finally:
            self._sock.close()
            server = self._server
            if server is not None:
                server._detach()
                self._server = None


class Server:
    def __init__(self, loop, sockets, protocol_factory):
        self._loop = loop
        self._sockets = sockets
        self._active_count = 0
        self._waiters = []
        self._protocol_factory = protocol_factory
        self._serving = False
        self._serving_forever_fut = None

    def __repr__(self):
        return "<%s sockets=%r>" % (type(self).__name__, self.sockets)

    def _attach(self):
        self._active_count += 1

    def _detach(self):
        self._active_count -= 1
        if self._active_count == 0 and self._sockets is None:
            self._wakeup()

    def _wakeup(self):
        waiters = self._waiters
        self._waiters = None
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(waiter)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for sock in self._sockets:
            sock.listen(100)
            loop = self._loop
            _pump(loop, sock.accept, self._accepted, lambda: None, "asyncio-accept")

    def _accepted(self, conn):
        if self._sockets is None:
            conn[0].close()
            return
        _SocketTransport(self._loop, conn[0], self._protocol_factory(), self)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(self._sockets)

    def close(self):
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for sock in sockets:
            sock.close()
        self._serving = False
        if self._serving_forever_fut is not None and not self._serving_forever_fut.done():
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if self._active_count == 0:
            self._wakeup()

    async def start_serving(self):
        self._start_serving()
        await _asyncio.sleep(0)

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError("server %r is already being awaited on serve_forever()" % (self,))
        if self._sockets is None:
            raise RuntimeError("server %r is closed" % (self,))
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except _asyncio.CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def wait_closed(self):
        # 3.11: returns at once once close() was called (its waiters are for the close).
        if self._sockets is None or self._waiters is None:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


async def open_connection(host=None, port=None, *, limit=_DEFAULT_LIMIT, **kwds):
    loop = _asyncio.get_running_loop()
    reader = StreamReader(limit=limit, loop=loop)
    protocol = StreamReaderProtocol(reader, loop=loop)
    sock = _socket.socket()
    try:
        await _asyncio.sleep(0)  # the connect's writability wait
        sock.connect((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno is None or isinstance(exc, _socket.gaierror):
            raise
        raise OSError(exc.errno, "Connect call failed %s" % ((host, port),)) from None
    transport = _SocketTransport(loop, sock, protocol)
    await _asyncio.sleep(0)  # connection_made
    writer = StreamWriter(transport, protocol, reader, loop)
    return reader, writer


async def start_server(client_connected_cb, host=None, port=None, *, limit=_DEFAULT_LIMIT, start_serving=True,
                       **kwds):
    loop = _asyncio.get_running_loop()

    def factory():
        reader = StreamReader(limit=limit, loop=loop)
        return StreamReaderProtocol(reader, client_connected_cb, loop=loop)

    sock = _socket.socket()
    try:
        sock.bind(("0.0.0.0" if host is None else host, 0 if port is None else port))
    except OSError as err:
        sock.close()
        raise OSError(err.errno, "error while attempting to bind on address %r: %s"
                      % ((host, port), err.strerror.lower())) from None
    server = Server(loop, [sock], factory)
    if start_serving:
        server._start_serving()
        await _asyncio.sleep(0)
    return server
