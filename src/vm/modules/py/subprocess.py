# concsim's subprocess: CPython 3.11's API over external commands. A command is a real
# simulated process (os.fork, its own pid, an exit status the parent reaps); in the simulator
# its program is one of a small built-in set (echo, true, false, sleep, nslookup written
# here; /bin/sh, cat, grep, sort, ls, python3 FILE.py... in _concsim_sh: shell=True runs
# "/bin/sh -c LINE" as CPython does); in a real run (`_thread.real_commands()`) the child runs the machine's own
# program to its end, with what the parent wrote on its stdin, and passes on its output.
# Its pipes are kernel channels. Invariant: the child only talks to the parent through those
# pipes or the terminal, and leaves only through os._exit(status).

import os
import sys
import time
import _concsim as _thread

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
    io.write(" ".join(argv[1:]) + "\n")
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
                "mkdir", "env", "printenv", "python3", "python", "pwd")


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
    import _concsim_sh
    if prog in ("/bin/sh", "sh", "bash", "/bin/bash"):
        return _concsim_sh.main(argv, io)
    sh_io = _concsim_sh._IO(io.read, _concsim_sh._Stream(write=io.write, terminal=_terminal(io._out)),
                            _concsim_sh._Stream(write=io.error, terminal=_terminal(io._err)))
    if prog == "pwd":
        return _concsim_sh._b_pwd(None, argv, sh_io)
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
        if isinstance(stdin, _Reader):
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
        self.stdin = _Writer(self._in, self.text_mode) if self._in is not None else None
        self.stdout = _Reader(self._out, self.text_mode) if self._out is not None else None
        self.stderr = _Reader(self._err, self.text_mode) if self._err is not None and stderr != STDOUT else None

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


class _Writer:
    def __init__(self, chan, text):
        self._chan = chan
        self._text = text
        self.closed = False

    def write(self, data):
        if self.closed:
            raise ValueError("write to closed file")
        if isinstance(data, str):
            if not self._text:
                raise TypeError("a bytes-like object is required, not 'str'")
            data = data.encode("utf-8")
        _thread.chan_put(self._chan, data)
        return len(data)

    def flush(self):
        pass

    def close(self):
        if not self.closed:
            self.closed = True
            _open_stdins.discard(self._chan)
            _thread.chan_close(self._chan)


def _check_stream(v):
    # What CPython's Popen accepts for stdin/stdout/stderr: None, PIPE, STDOUT, DEVNULL,
    # another Popen's pipe, or an object with fileno() (a file).
    if v is None or isinstance(v, (int, _Reader)) or hasattr(v, "fileno"):
        return
    raise AttributeError("'%s' object has no attribute 'fileno'" % type(v).__name__)


class _Reader:
    def __init__(self, chan, text):
        self._chan = chan
        self._text = text
        self._lines = None

    def fileno(self):
        return 3

    def _all_lines(self):
        if self._lines is None:
            data = self.read()
            nl = "\n" if self._text else b"\n"
            parts = data.split(nl)
            self._lines = [p + nl for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return self._lines

    def readline(self):
        lines = self._all_lines()
        return lines.pop(0) if lines else ("" if self._text else b"")

    def readlines(self):
        lines = self._all_lines()
        self._lines = []
        return lines

    def __iter__(self):
        return iter(self.readlines())

    def read(self):
        chunks = []
        while True:
            try:
                ok, item = _thread.chan_get(self._chan)
            except EOFError:
                break
            chunks.append(item)
        data = b"".join(chunks)
        return data.decode("utf-8") if self._text else data

    def close(self):
        pass


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
