# concsim's subprocess: CPython 3.11's API over external commands. A command is a real
# simulated process (os.fork, its own pid, an exit status the parent reaps); in the simulator
# its program is one of a small built-in set (echo, true, false, sleep, nslookup written
# here; /bin/sh, cat, grep, sort, ls, python3 FILE.py... in _concsim_sh: shell=True runs
# "/bin/sh -c LINE" as CPython does); in a real run (`_thread.real_commands()`) the child runs the machine's own
# program to its end, with what the parent wrote on its stdin, and passes on its output.
# Its pipes are kernel channels; the parent's ends are CPython's io objects over them (what
# is flushed goes as one piece, reads take pieces as they come). Invariant: the child only talks to the parent through those
# pipes or the terminal, and leaves only through os._exit(status).

import os
import sys
import time
import _concsim as _thread
from _concsim_io import _PieceReader

__all__ = ["Popen", "PIPE", "STDOUT", "DEVNULL", "call", "check_call", "check_output", "run",
           "CalledProcessError", "TimeoutExpired", "SubprocessError", "CompletedProcess"]

PIPE = -1
STDOUT = -2
DEVNULL = -3


class SubprocessError(Exception):
    pass


class CalledProcessError(SubprocessError):
    def __init__(self, returncode, cmd, output=None, stderr=None):
        self.returncode = returncode
        self.cmd = cmd
        self.output = output
        self.stderr = stderr

    def __str__(self):
        if self.returncode and self.returncode < 0:
            return "Command '%s' died with signal %d." % (self.cmd, -self.returncode)
        return "Command '%s' returned non-zero exit status %d." % (self.cmd, self.returncode)

    @property
    def stdout(self):
        return self.output


class TimeoutExpired(SubprocessError):
    def __init__(self, cmd, timeout, output=None, stderr=None):
        self.cmd = cmd
        self.timeout = timeout
        self.output = output
        self.stderr = stderr

    def __str__(self):
        return "Command '%s' timed out after %s seconds" % (self.cmd, self.timeout)

    @property
    def stdout(self):
        return self.output


class CompletedProcess:
    def __init__(self, args, returncode, stdout=None, stderr=None):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self):
        args = ["args={!r}".format(self.args), "returncode={!r}".format(self.returncode)]
        if self.stdout is not None:
            args.append("stdout={!r}".format(self.stdout))
        if self.stderr is not None:
            args.append("stderr={!r}".format(self.stderr))
        return "{}({})".format(type(self).__name__, ", ".join(args))

    def check_returncode(self):
        if self.returncode:
            raise CalledProcessError(self.returncode, self.args, self.stdout, self.stderr)


# --- the simulated commands: each gets its argv and an _IO, and returns its exit status ---


# The write ends of the `stdin=PIPE` channels this process holds for its commands.
_open_stdins = set()


def _text(s):
    return s.decode("utf-8", "replace") if isinstance(s, bytes) else s


class _IO:
    def __init__(self, stdin_id, out, err):
        self._in = stdin_id
        self._out = out
        self._err = err

    def read(self):
        if self._in is None:
            return ""
        chunks = []
        while True:
            try:
                ok, item = _thread.chan_get(self._in)
            except EOFError:
                break
            chunks.append(item.decode("utf-8") if isinstance(item, bytes) else item)
        return "".join(chunks)

    def read_chunk(self):
        # The next piece of input as it arrives (what the parent flushed), b"" at EOF.
        if self._in is None:
            return b""
        try:
            ok, item = _thread.chan_get(self._in)
        except EOFError:
            return b""
        return item if isinstance(item, bytes) else item.encode("utf-8")

    def _emit(self, target, text):
        if target is None:
            return
        if target == "stdout":
            sys.stdout.write(text)
        elif target == "stderr":
            sys.stderr.write(text)
        elif hasattr(target, "write"):
            target.write(text.encode("utf-8") if getattr(target, "_binary", False) else text)
        else:
            _thread.chan_put(target, text.encode("utf-8"))

    def write(self, text):
        self._emit(self._out, text)

    def error(self, text):
        self._emit(self._err, text)

    # A real command's input and output are bytes: binary output reaches a pipe or a binary
    # file unchanged; only the terminal (whose chunks are text) gets it decoded.
    def read_bytes(self):
        chunks = []
        while self._in is not None:
            try:
                ok, item = _thread.chan_get(self._in)
            except EOFError:
                break
            chunks.append(item if isinstance(item, bytes) else item.encode("utf-8"))
        return b"".join(chunks)

    def _emit_bytes(self, target, data):
        if target is None or not data:
            return
        if isinstance(target, int):
            _thread.chan_put(target, data)
        elif target not in ("stdout", "stderr") and getattr(target, "_binary", False):
            target.write(data)
        else:
            self._emit(target, data.decode("utf-8", "replace"))

    def write_bytes(self, data):
        self._emit_bytes(self._out, data)

    def error_bytes(self, data):
        self._emit_bytes(self._err, data)


def _echo(argv, io):
    n = argv[1:2] == ["-n"]
    io.write(" ".join(argv[1 + n:]) + "\n"[n:])
    return 0


def _true(argv, io):
    return 0


def _false(argv, io):
    return 1


def _sleep(argv, io):
    if len(argv) < 2:
        io.error("sleep: missing operand\n")
        return 1
    time.sleep(float(argv[1]))
    return 0


_NS_HEADER = "Server:\t\t192.168.19.4\nAddress:\t192.168.19.4#53\n\n"


def _nslookup(argv, io):
    # Answers as in the tutorials' transcripts; other names get a documentation address.
    if len(argv) > 1:
        host = argv[1]
        io.write(_NS_HEADER + "Non-authoritative answer:\n")
        if host == "www.python.org":
            io.write("www.python.org\tcanonical name = python.map.fastly.net.\n"
                     "Name:\tpython.map.fastly.net\nAddress: 199.27.79.223\n\n")
        else:
            io.write("Name:\t%s\nAddress: 192.0.2.1\n\n" % host)
        return 0
    qtype = "a"
    out = _NS_HEADER
    for line in io.read().split("\n"):
        line = line.strip()
        if not line:
            continue
        if line == "exit":
            break
        if line.startswith("set q=") or line.startswith("set type="):
            qtype = line.split("=", 1)[1].lower()
            continue
        if qtype == "mx" and line == "python.org":
            out += ("Non-authoritative answer:\npython.org\tmail exchanger = 50 mail.python.org.\n\n"
                    "Authoritative answers can be found from:\n"
                    "mail.python.org\tinternet address = 82.94.164.166\n"
                    "mail.python.org\thas AAAA address 2001:888:2000:d::a6\n")
        else:
            out += "Non-authoritative answer:\nName:\t%s\nAddress: 192.0.2.1\n" % line
    io.write(out + "\n")
    return 0


_COMMANDS = {"echo": _echo, "true": _true, "false": _false, "sleep": _sleep, "nslookup": _nslookup}
# Commands (and the shell) written in _concsim_sh, imported by the child that runs one.
_SH_COMMANDS = ("/bin/sh", "sh", "bash", "/bin/bash", "cat", "head", "tail", "grep", "cut", "sort", "uniq", "wc", "ls", "touch", "rm",
                "mkdir", "env", "printenv", "python3", "python", "pwd", "printf", "seq")


def _simulated_command(prog):
    if prog.startswith("/usr/bin/") or (prog.startswith("/bin/") and prog not in ("/bin/sh", "/bin/bash")):
        prog = prog.rsplit("/", 1)[1]
    return prog in _COMMANDS or prog in _SH_COMMANDS


def _terminal(target):
    return target if target in ("stdout", "stderr") else None


def _run_simulated(argv, io):
    prog = argv[0]
    if prog.startswith("/usr/bin/") or (prog.startswith("/bin/") and prog not in ("/bin/sh", "/bin/bash")):
        prog = prog.rsplit("/", 1)[1]
    if prog in _COMMANDS:
        return _COMMANDS[prog](argv, io)
    if prog == "cat" and argv[1:] in ([], ["-"]):
        # cat copies its input as it comes (read(2) then write(2), no stdio buffer), so a
        # parent may talk to it a line at a time.
        while True:
            chunk = io.read_chunk()
            if not chunk:
                return 0
            io.write_bytes(chunk)
    import _concsim_sh
    if prog in ("/bin/sh", "sh", "bash", "/bin/bash"):
        return _concsim_sh.main(argv, io)
    sh_io = _concsim_sh._IO(io.read, _concsim_sh._Stream(write=io.write, terminal=_terminal(io._out)),
                            _concsim_sh._Stream(write=io.error, terminal=_terminal(io._err)))
    # A python3 child's sys.stdin takes the pipe's pieces as they come.
    sh_io.source = io if io._in is not None else None
    if prog == "pwd":
        return _concsim_sh._b_pwd(None, argv, sh_io)
    if prog == "printf":
        return _concsim_sh._b_printf(None, argv, sh_io)
    return _concsim_sh.COMMANDS[prog](argv, sh_io)


def _argv_of(args, shell):
    if isinstance(args, (str, bytes)):
        if isinstance(args, bytes):
            args = args.decode("utf-8")
        return ["/bin/sh", "-c", args] if shell else [args]
    args = [a.decode("utf-8") if isinstance(a, bytes) else str(a) for a in args]
    return ["/bin/sh", "-c"] + args if shell else args


class Popen:
    def __init__(self, args, bufsize=-1, executable=None, stdin=None, stdout=None, stderr=None, preexec_fn=None,
                 close_fds=True, shell=False, cwd=None, env=None, universal_newlines=None, startupinfo=None,
                 creationflags=0, restore_signals=True, start_new_session=False, pass_fds=(), *, encoding=None,
                 errors=None, text=None):
        self.args = args
        self.text_mode = bool(text or universal_newlines or encoding or errors)
        self.returncode = None
        argv = _argv_of(args, shell)
        prog = argv[0] if argv else ""
        real = _thread.real_commands()
        if real:
            errno = _thread.exec_lookup(prog)
            if errno == 2:
                raise FileNotFoundError(2, "No such file or directory", prog)
            if errno == 13:
                raise PermissionError(13, "Permission denied", prog)
            if errno is not None:
                raise OSError(errno, "Exec format error" if errno == 8 else "Cannot execute", prog)
        elif not _simulated_command(prog):
            raise FileNotFoundError(2, "No such file or directory", prog)
        for stream in (stdin, stdout, stderr):
            _check_stream(stream)
        if cwd is not None:
            cwd = os.fspath(cwd)
            if isinstance(cwd, bytes):
                cwd = cwd.decode("utf-8")
            # CPython's child fails its chdir and the parent raises the child's error.
            if not os.path.exists(cwd):
                raise FileNotFoundError(2, "No such file or directory", cwd)
            if not os.path.isdir(cwd):
                raise NotADirectoryError(20, "Not a directory", cwd)
        self._in = _thread.chan_new(0, True) if stdin == PIPE else None
        in_chan = self._in
        if isinstance(stdin, _PipeEnd):
            # Another command's output pipe (`stdin=p1.stdout`): this child reads it.
            in_chan = stdin._chan
        elif hasattr(stdin, "read") and not isinstance(stdin, int):
            # An open file: what is left of it is this command's input.
            data = stdin.read()
            in_chan = _thread.chan_new(0, True)
            if data:
                _thread.chan_put(in_chan, data.encode("utf-8") if isinstance(data, str) else data)
            _thread.chan_close(in_chan)
        self._out = _thread.chan_new(0, True) if stdout == PIPE else None
        if stderr == STDOUT:
            self._err = self._out
        else:
            self._err = _thread.chan_new(0, True) if stderr == PIPE else None
        out_target = self._out if stdout == PIPE else (None if stdout == DEVNULL else "stdout")
        if hasattr(stdout, "write") and not isinstance(stdout, int):
            out_target = stdout
        if stderr == STDOUT:
            err_target = out_target
        else:
            err_target = self._err if stderr == PIPE else (None if stderr == DEVNULL else "stderr")
            if hasattr(stderr, "write") and not isinstance(stderr, int):
                err_target = stderr
        pid = os.fork()
        if pid == 0:
            code = 127
            try:
                # close_fds: the command holds no other command's stdin open (CPython's
                # child closes them at exec), so each of those still reads EOF when its
                # Popen closes it.
                for ch in list(_open_stdins):
                    _thread.chan_close(ch)
                _open_stdins.clear()
                if self._in is not None:
                    _thread.chan_close(self._in)
                if cwd is not None:
                    os.chdir(cwd)
                if env is not None:
                    # A real command gets env's bytes unchanged; the simulated ones, text.
                    os.environ.clear()
                    for k, v in env.items():
                        os.environ[_text(k)] = _text(v)
                io = _IO(in_chan, out_target, err_target)
                if real:
                    code, out, err = _thread.exec_run(argv, io.read_bytes() if in_chan is not None else None,
                                                     os.environ if env is None else env)
                    io.write_bytes(out)
                    io.error_bytes(err)
                    sys.stdout.flush()
                else:
                    code = _run_simulated(argv, io)
            except BaseException as e:
                import _concsim
                sys.stderr.write(_concsim.format_exception(e))
                code = 1
            finally:
                os._exit(code)
        self.pid = pid
        for ch in (self._out, self._err):
            if ch is not None:
                _thread.chan_close(ch)
        if self._in is not None:
            _open_stdins.add(self._in)
        err_pipe = self._err is not None and stderr != STDOUT
        fds = _fd_pairs((self._in is not None) + (self._out is not None) + err_pipe)
        text, bufsize = self.text_mode, -1 if bufsize is None else bufsize
        # A pipe's ends are (read, write): the parent keeps stdin's write end, the others' read end.
        self.stdin = self.stdout = self.stderr = None
        if self._in is not None:
            self.stdin = _pipe_end(self._in, fds[1], True, text, bufsize)
            fds = fds[2:]
        if self._out is not None:
            self.stdout = _pipe_end(self._out, fds[0], False, text, bufsize)
            fds = fds[2:]
        if err_pipe:
            self.stderr = _pipe_end(self._err, fds[0], False, text, bufsize)

    def __repr__(self):
        return "<Popen: returncode: {} args: {!r}>".format(self.returncode, self.args)

    def poll(self):
        if self.returncode is None:
            pid, sts = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self._status = sts
                self.returncode = os.waitstatus_to_exitcode(sts)
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            if timeout is None:
                pid, sts = os.waitpid(self.pid, 0)
                self._status = sts
                self.returncode = os.waitstatus_to_exitcode(sts)
            else:
                sts = _thread.wait_child(self.pid, timeout)
                if sts is None:
                    raise TimeoutExpired(self.args, timeout)
                self._status = sts
                self.returncode = os.waitstatus_to_exitcode(sts)
        return self.returncode

    def communicate(self, input=None, timeout=None):
        if self.stdin is not None:
            if input:
                self.stdin.write(input)
            self.stdin.close()
        deadline = None if timeout is None else time.monotonic() + timeout
        for p in (self.stdout, self.stderr):
            # What came before a timeout stays in the pipe's buffer for the next call; _fill
            # is true when the wait timed out.
            while p is not None and not p._eof:
                if p._fill(None if deadline is None else max(deadline - time.monotonic(), 0)):
                    raise TimeoutExpired(self.args, timeout)
        out = self.stdout.read() if self.stdout is not None else None
        err = self.stderr.read() if self.stderr is not None else None
        remaining = None if deadline is None else max(deadline - time.monotonic(), 0)
        try:
            self.wait(remaining)
        except TimeoutExpired:
            # CPython reports the timeout the caller gave, not what was left of it.
            raise TimeoutExpired(self.args, timeout) from None
        return (out, err)

    def send_signal(self, sig):
        if self.returncode is None:
            os.kill(self.pid, sig)

    def terminate(self):
        self.send_signal(15)

    def kill(self):
        self.send_signal(9)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        if self.stdin is not None:
            self.stdin.close()
        self.wait()


# The fds of the parent's pipe ends still open (CPython's numbers: the lowest free, each
# pipe's two ends taken in stdin, stdout, stderr order, the child's ends freed after the fork).
_live_fds = set()


def _fd_pairs(wanted):
    used = set(_live_fds)
    try:
        import _concsim_pipe
        used.update(_concsim_pipe._fds)
    except ImportError:
        pass
    tf = sys.modules.get("tempfile")
    if tf is not None:
        used.update(getattr(tf, "_fds", ()))
    fds = []
    n = 3
    for _ in range(2 * wanted):
        while n in used:
            n += 1
        fds.append(n)
        used.add(n)
    return fds


# The write ends this process made, flushed at its exit as CPython's finalizers flush them.
_unflushed = []


def _flush_at_exit():
    for w in _unflushed:
        if not w.closed:
            w.flush()


class _PipeEnd(_PieceReader):
    # The parent's end of a child's pipe, as CPython's io objects over it: writes wait in
    # the buffer until flush(), close(), a full buffer or (text, bufsize=1) a newline, and
    # what is flushed reaches the child as one piece (unbuffered, bufsize=0: each write);
    # reads take the pieces as they arrive: readline() returns once a whole line (or EOF)
    # is there, read1(n) and an unbuffered read(n) what is there up to n once something
    # is, read(n) waits for n (or EOF), read() for EOF.
    def __init__(self, chan, fd, write, text, bufsize):
        self._chan = chan
        self._fd = fd
        self._write = write
        self._text = text
        # bufsize 1 is line buffering (text only) over a default-sized buffer, as in Popen.
        self._size = 8192 if bufsize < 0 or bufsize == 1 else max(bufsize, 1)
        self._raw = bufsize == 0 and not text
        self._line = text and bufsize == 1
        self._buf = b""
        self._eof = False
        self.closed = False
        _live_fds.add(fd)
        if write:
            if not _unflushed:
                import atexit
                atexit.register(_flush_at_exit)
            _unflushed.append(self)

    def __repr__(self):
        return "<_io.%s name=%d>" % (type(self).__name__, self._fd)

    @property
    def name(self):
        return self._fd

    def fileno(self):
        return self._fd

    def readable(self):
        return not self._write

    def writable(self):
        return self._write

    def isatty(self):
        return False

    def _check(self, op):
        if self.closed:
            raise ValueError("%s of closed file" % op)

    # --- the write end (a child's stdin) ---

    def write(self, data):
        if self.closed:
            raise ValueError("write to closed file")
        if isinstance(data, str):
            if not self._text:
                raise TypeError("a bytes-like object is required, not 'str'")
            n = len(data)
            data = data.encode("utf-8")
        elif self._text:
            raise TypeError("write() argument must be str, not %s" % type(data).__name__)
        else:
            data = bytes(data)
            n = len(data)
        self._buf += data
        if self._raw or len(self._buf) >= self._size or self._line and b"\n" in data:
            self.flush()
        return n

    def flush(self):
        if self.closed:
            raise ValueError("flush of closed file")
        if self._write and self._buf:
            data, self._buf = self._buf, b""
            _thread.chan_put(self._chan, data)

    # --- the read end (a child's stdout or stderr) ---

    def _fill(self, timeout=None):
        try:
            ok, item = _thread.chan_get(self._chan, True, timeout)
        except EOFError:
            self._eof = True
            return
        if not ok:
            return 1
        self._buf += item if isinstance(item, bytes) else item.encode("utf-8")

    def _out(self, data):
        if not self._text:
            return data
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")

    def read(self, size=-1):
        if self._raw and size is not None and size >= 0:
            return self.read1(size)
        return _PieceReader.read(self, size)

    def read1(self, size=-1):
        self._check("read")
        if not self._buf and not self._eof:
            self._fill()
        return self._take(len(self._buf) if size is None or size < 0 else size)

    def close(self):
        if self.closed:
            return
        if self._write:
            try:
                self.flush()
            finally:
                self.closed = True
                _open_stdins.discard(self._chan)
                _thread.chan_close(self._chan)
        self.closed = True
        _live_fds.discard(self._fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class BufferedWriter(_PipeEnd):
    pass


class BufferedReader(_PipeEnd):
    pass


class FileIO(_PipeEnd):
    def __repr__(self):
        return "<_io.FileIO name=%d mode='%s' closefd=True>" % (self._fd, "wb" if self._write else "rb")


class TextIOWrapper(_PipeEnd):
    def __repr__(self):
        return "<_io.TextIOWrapper name=%d encoding='UTF-8'>" % self._fd


for _cls in (BufferedWriter, BufferedReader, FileIO, TextIOWrapper):
    _cls.__module__ = "_io"


def _pipe_end(chan, fd, write, text, bufsize):
    cls = TextIOWrapper if text else FileIO if bufsize == 0 else BufferedWriter if write else BufferedReader
    return cls(chan, fd, write, text, bufsize)


def _check_stream(v):
    # What CPython's Popen accepts for stdin/stdout/stderr: None, PIPE, STDOUT, DEVNULL,
    # another Popen's pipe, or an object with fileno() (a file).
    if v is None or isinstance(v, (int, _PipeEnd)) or hasattr(v, "fileno"):
        return
    raise AttributeError("'%s' object has no attribute 'fileno'" % type(v).__name__)


def call(*popenargs, timeout=None, **kwargs):
    with Popen(*popenargs, **kwargs) as p:
        try:
            return p.wait(timeout=timeout)
        except:
            p.kill()
            raise


def check_call(*popenargs, **kwargs):
    retcode = call(*popenargs, **kwargs)
    if retcode:
        cmd = kwargs.get("args")
        if cmd is None:
            cmd = popenargs[0]
        raise CalledProcessError(retcode, cmd)
    return 0


def run(*popenargs, input=None, capture_output=False, timeout=None, check=False, **kwargs):
    if input is not None:
        kwargs["stdin"] = PIPE
    if capture_output:
        kwargs["stdout"] = PIPE
        kwargs["stderr"] = PIPE
    with Popen(*popenargs, **kwargs) as process:
        try:
            stdout, stderr = process.communicate(input, timeout=timeout)
        except TimeoutExpired:
            process.kill()
            process.wait()
            raise
        retcode = process.poll()
        if check and retcode:
            raise CalledProcessError(retcode, process.args, output=stdout, stderr=stderr)
    return CompletedProcess(process.args, retcode, stdout, stderr)


def check_output(*popenargs, timeout=None, **kwargs):
    return run(*popenargs, stdout=PIPE, timeout=timeout, check=True, **kwargs).stdout
