# asyncio.subprocess for concsim, in CPython 3.11's design: a Process over a subprocess
# transport whose pipes feed StreamReaders, and whose exit a watcher thread reports to the
# loop (CPython's ThreadedChildWatcher: a "waitpid-N" thread per child). Fetched on demand.
# The child is subprocess.Popen's (the simulated commands, or the machine's own under real);
# its stdout and stderr are read by helper threads (asyncio.streams' _pump), what is written
# to its stdin goes at once. As in 3.11.7, wait() returns once the child has exited and its
# pipes are closed (stdout and stderr at end of file; stdin closed, or the child gone).

import asyncio as _asyncio
__file__ = "/usr/lib/python3.11/asyncio/subprocess.py"
import os as _os
import subprocess as _subprocess
import threading as _threading
from asyncio.streams import StreamReader, StreamWriter, _pump, _DEFAULT_LIMIT

__all__ = ["create_subprocess_exec", "create_subprocess_shell"]

PIPE = _subprocess.PIPE
STDOUT = _subprocess.STDOUT
DEVNULL = _subprocess.DEVNULL

_watchers = [0]


class _StdinProtocol:
    def __init__(self, transport):
        self._transport = transport
        self._closed = transport._loop.create_future()

    async def _drain_helper(self):
        if self._transport._lost:
            raise ConnectionResetError("Connection lost")

    def _get_close_waiter(self, stream):
        return self._closed


class _StdinTransport:
    # The write end of the child's stdin.
    def __init__(self, proc_transport, pipe):
        self._proc = proc_transport
        self._loop = proc_transport._loop
        self._pipe = pipe
        self._closing = False
        self._lost = False
        self.protocol = _StdinProtocol(self)

    def __repr__(self):
        return "<_UnixWritePipeTransport fd=%d %s>" % (self._pipe.fileno(), "closed" if self._lost else "idle")

    def get_extra_info(self, name, default=None):
        return {"pipe": self._pipe}.get(name, default)

    def is_closing(self):
        return self._closing

    def write(self, data):
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise AssertionError(repr(data))
        if not data or self._closing:
            return
        self._pipe.write(bytes(data))
        self._pipe.flush()

    def can_write_eof(self):
        return True

    def write_eof(self):
        self.close()

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._pipe.close()
        self._loop.call_soon(self._lose)

    def _lose(self):
        if self._lost:
            return
        self._lost = True
        self._closing = True
        if not self.protocol._closed.done():
            self.protocol._closed.set_result(None)
        self._proc._pipe_lost(0)


class _SubprocessTransport:
    def __init__(self, loop, popen, limit):
        self._loop = loop
        self._popen = popen
        self._returncode = None
        self._exit_waiters = []
        self._finished = False
        self._open = set()
        self.stdin = self.stdout = self.stderr = None
        self._stdin = None
        if popen.stdin is not None:
            self._stdin = _StdinTransport(self, popen.stdin)
            self._open.add(0)
            self.stdin = StreamWriter(self._stdin, self._stdin.protocol, None, loop)
        for fd, pipe in ((1, popen.stdout), (2, popen.stderr)):
            if pipe is None:
                continue
            self._open.add(fd)
            reader = StreamReader(limit=limit, loop=loop)
            if fd == 1:
                self.stdout = reader
            else:
                self.stderr = reader
            _pump(loop, pipe.read1, reader.feed_data, lambda fd=fd: loop.call_soon(self._pipe_lost, fd),
                  "asyncio-pipe")
        _watchers[0] += 1
        pid = popen.pid

        def watch():
            _, status = _os.waitpid(pid, 0)
            try:
                loop.call_soon_threadsafe(self._exited, _os.waitstatus_to_exitcode(status))
            except RuntimeError:
                pass

        _threading.Thread(target=watch, name="waitpid-%d" % (_watchers[0] - 1), daemon=True).start()

    def _pipe_lost(self, fd):
        if fd not in self._open:
            return
        self._open.discard(fd)
        reader = self.stdout if fd == 1 else self.stderr if fd == 2 else None
        if reader is not None:
            reader.feed_eof()
        self._try_finish()

    def _exited(self, returncode):
        self._returncode = returncode
        if self._popen.returncode is None:
            self._popen.returncode = returncode
        if self._stdin is not None:
            # The child's end of its stdin is gone: the write end sees it.
            self._loop.call_soon(self._stdin._lose)
        self._try_finish()

    def _try_finish(self):
        if self._returncode is None or self._open or self._finished:
            return
        self._finished = True
        self._loop.call_soon(self._wake)

    def _wake(self):
        for waiter in self._exit_waiters:
            if not waiter.cancelled():
                waiter.set_result(self._returncode)
        self._exit_waiters = None

    async def _wait(self):
        if self._returncode is not None:
            return self._returncode
        waiter = self._loop.create_future()
        self._exit_waiters.append(waiter)
        return await waiter

    def _signal(self, sig):
        if self._exit_waiters is None:
            raise ProcessLookupError()
        if self._returncode is None and self._popen.returncode is None:
            try:
                _os.kill(self._popen.pid, sig)
            except ProcessLookupError:
                pass


class Process:
    def __init__(self, transport, protocol, loop):
        self._transport = transport
        self._protocol = protocol
        self._loop = loop
        self.stdin = transport.stdin
        self.stdout = transport.stdout
        self.stderr = transport.stderr
        self.pid = transport._popen.pid

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self.pid)

    @property
    def returncode(self):
        return self._transport._returncode

    async def wait(self):
        return await self._transport._wait()

    def send_signal(self, signal):
        self._transport._signal(signal)

    def terminate(self):
        self._transport._signal(15)

    def kill(self):
        self._transport._signal(9)

    async def _feed_stdin(self, input):
        try:
            self.stdin.write(input)
            await self.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.stdin.close()

    async def _noop(self):
        return None

    async def _read_stream(self, fd):
        stream = self.stderr if fd == 2 else self.stdout
        return await stream.read()

    async def communicate(self, input=None):
        if input is not None:
            stdin = self._feed_stdin(input)
        else:
            stdin = self._noop()
        stdout = self._read_stream(1) if self.stdout is not None else self._noop()
        stderr = self._read_stream(2) if self.stderr is not None else self._noop()
        stdin, stdout, stderr = await _asyncio.gather(stdin, stdout, stderr)
        await self.wait()
        return (stdout, stderr)


async def _spawn(args, shell, stdin, stdout, stderr, limit, kwds):
    loop = _asyncio.get_running_loop()
    for key, bad in (("universal_newlines", "universal_newlines must be False"), ("shell", "shell must be False"),
                     ("bufsize", "bufsize must be 0"), ("text", "text must be False"),
                     ("encoding", "encoding must be None"), ("errors", "errors must be None")):
        value = kwds.pop(key, 0 if key == "bufsize" else None)
        if value not in (None, False, 0) or key == "bufsize" and value != 0:
            raise ValueError(bad)
    popen = _subprocess.Popen(args, shell=shell, stdin=stdin, stdout=stdout, stderr=stderr, bufsize=0, **kwds)
    transport = _SubprocessTransport(loop, popen, limit)
    await _asyncio.sleep(0)  # the pipes' connection
    return Process(transport, None, loop)


async def create_subprocess_shell(cmd, stdin=None, stdout=None, stderr=None, limit=_DEFAULT_LIMIT, **kwds):
    if not isinstance(cmd, (bytes, str)):
        raise ValueError("cmd must be a string")
    return await _spawn(cmd, True, stdin, stdout, stderr, limit, kwds)


async def create_subprocess_exec(program, *args, stdin=None, stdout=None, stderr=None, limit=_DEFAULT_LIMIT,
                                 **kwds):
    return await _spawn((program,) + args, False, stdin, stdout, stderr, limit, kwds)
