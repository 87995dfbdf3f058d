# concsim's multiprocessing module: CPython 3.11's Process API with the "fork" start method
# (Linux's default), built on the simulator's os.fork/os.waitpid/os.kill.
# Invariant: a child runs Process._bootstrap and leaves only through os._exit(exitcode), so
# exit codes, "Process NAME:" tracebacks and the joining of children at exit follow CPython.
#
# Contract with the views (`sim::view`, Rust, reads this heap without running Python):
# `_current_process` and its `_name` (a process's name, `process_name`); a process object's
# `_pid` and `_name` (the pool panel, `pools`); any instance's `_name`, and the kernel
# channel ids `Queue._id`/`SimpleQueue._id` and `Connection._rid`/`_wid` (value reprs,
# `repr_into`). Renaming one breaks the page's panels, not a test of this file.

import os
import sys
import _concsim as _thread
import threading

from os import cpu_count

_counter = 0


def _next_count():
    global _counter
    _counter += 1
    return _counter


class ProcessError(Exception):
    __module__ = "multiprocessing.context"


class BufferTooShort(ProcessError):
    __module__ = "multiprocessing.context"


class TimeoutError(ProcessError):
    __module__ = "multiprocessing.context"


class AuthenticationError(ProcessError):
    __module__ = "multiprocessing.context"


# What Process reprs show for an exit by signal (CPython builds it from the signal module).
_exitcode_to_name = {
    -1: '-SIGHUP',
    -2: '-SIGINT',
    -3: '-SIGQUIT',
    -4: '-SIGILL',
    -5: '-SIGTRAP',
    -6: '-SIGABRT',
    -7: '-SIGBUS',
    -8: '-SIGFPE',
    -9: '-SIGKILL',
    -10: '-SIGUSR1',
    -11: '-SIGSEGV',
    -12: '-SIGUSR2',
    -13: '-SIGPIPE',
    -14: '-SIGALRM',
    -15: '-SIGTERM',
    -16: '-SIGSTKFLT',
    -17: '-SIGCHLD',
    -18: '-SIGCONT',
    -19: '-SIGSTOP',
    -20: '-SIGTSTP',
    -21: '-SIGTTIN',
    -22: '-SIGTTOU',
    -23: '-SIGURG',
    -24: '-SIGXCPU',
    -25: '-SIGXFSZ',
    -26: '-SIGVTALRM',
    -27: '-SIGPROF',
    -28: '-SIGWINCH',
    -29: '-SIGPOLL',
    -30: '-SIGPWR',
    -31: '-SIGSYS',
    -34: '-SIGRTMIN',
    -64: '-SIGRTMAX',
}


class BaseProcess:
    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, "group argument must be None for now"
        count = _next_count()
        self._identity = _current_process._identity + (count,)
        self._config = dict(_current_process._config)
        self._parent_pid = os.getpid()
        self._parent_name = _current_process.name
        self._popen = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + "-" + ":".join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon
        self._pid = None
        self._returncode = None
        self._sentinel = None

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)  # cpython-line multiprocessing/process.py:108

    def start(self):
        self._check_closed()
        assert self._popen is None, "cannot start a process twice"
        assert self._parent_pid == os.getpid(), "can only start a process object created by current process"
        assert not _current_process._config.get("daemon"), "daemonic processes are not allowed to have children"
        _cleanup()
        method = self._start_method
        if method is None:
            method = _default_context.get_context()._name
        if method != "fork":
            return self._spawn_start()
        # CPython's Popen flushes both streams before forking (util._flush_std_streams), so
        # a block-buffered line printed before start() is not inherited by the child.
        _flush_std_streams()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = self._bootstrap()
            finally:
                os._exit(code)
        self._pid = pid
        self._popen = True
        del self._target, self._args, self._kwargs
        _children.add(self)

    def _spawn_start(self):
        # CPython's popen_spawn_posix: the preparation data and the process object are
        # pickled in the parent (so a lambda target fails here), and the child starts from a
        # fresh interpreter (spawn and forkserver alike in concsim) that imports the program
        # as __mp_main__ before it unpickles them (_spawn_main).
        _check_not_importing_main()
        prep = {
            "name": self._name,
            "authkey": bytes(_current_process.authkey),
            "start_method": get_start_method(),
        }
        if _log_to_stderr:
            prep["log_to_stderr"] = True
        if _logger:
            prep["log_level"] = _logger.getEffectiveLevel()
        _assert_spawnable(self, set())
        _thread.pickle_check((prep, self))
        _flush_std_streams()
        pid = os.fork()
        if pid == 0:
            _thread.spawn_exec(prep, self)
        self._pid = pid
        self._popen = True
        del self._target, self._args, self._kwargs
        _children.add(self)

    def _poll(self, block):
        if self._returncode is None:
            pid, sts = os.waitpid(self._pid, 0 if block else os.WNOHANG)
            if pid == self._pid:
                self._returncode = os.waitstatus_to_exitcode(sts)
        return self._returncode

    def terminate(self):
        self._check_closed()
        if self._popen is not None and self._returncode is None:
            os.kill(self._pid, 15)

    def kill(self):
        self._check_closed()
        if self._popen is not None and self._returncode is None:
            os.kill(self._pid, 9)

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == os.getpid(), "can only join a child process"
        assert self._popen is not None, "can only join a started process"
        if timeout is None:
            res = self._poll(True)
        else:
            res = _thread.wait_child(self._pid, max(timeout, 0))
            if res is not None:
                self._returncode = os.waitstatus_to_exitcode(res)
            res = self._returncode
        if res is not None:
            _children.discard(self)

    def is_alive(self):
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == os.getpid(), "can only test a child process"
        if self._popen is None:
            return False
        returncode = self._poll(False)
        if returncode is None:
            return True
        _children.discard(self)
        return False

    def close(self):
        if self._popen is not None and self._returncode is None:
            raise ValueError("Cannot close a process while it is still running. You should first call join() or terminate().")
        _children.discard(self)
        self._closed = True

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), "name must be a string"
        self._name = name

    @property
    def daemon(self):
        return self._config.get("daemon", False)

    @daemon.setter
    def daemon(self, daemonic):
        assert self._popen is None, "process has already started"
        self._config["daemon"] = daemonic

    @property
    def authkey(self):
        return self._config.get("authkey", b"")

    @property
    def exitcode(self):
        self._check_closed()
        if self._popen is None:
            return self._popen
        return self._poll(False)

    @property
    def ident(self):
        self._check_closed()
        if self is _current_process:
            return os.getpid()
        return self._pid

    pid = ident

    @property
    def sentinel(self):
        # CPython's is the read end of a pipe the child holds until it ends; here a number
        # that multiprocessing.connection.wait() maps back to this process (_sentinels).
        self._check_closed()
        if self._popen is None:
            raise ValueError("process not started")
        if self._sentinel is None:
            self._sentinel = _next_sentinel[0]
            _next_sentinel[0] += 1
            _sentinels[self._sentinel] = self
        return self._sentinel

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._parent_pid != os.getpid():
            status = "unknown"
        elif self._popen is None:
            status = "initial"
        else:
            exitcode = self._poll(False)
            if exitcode is not None:
                status = "stopped"
            else:
                status = "started"
        info = [type(self).__name__, "name=%r" % self._name]
        if self._popen is not None:
            info.append("pid=%s" % self._pid)
        info.append("parent=%s" % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append("exitcode=%s" % _exitcode_to_name.get(exitcode, exitcode))
        if self.daemon:
            info.append("daemon")
        return "<%s>" % " ".join(info)

    def _bootstrap(self):
        global _current_process, _parent_process, _counter, _children
        try:
            _children = set()
            _counter = 0
            _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
            _current_process = self
            self._pid = os.getpid()
            self._popen = None
            _info("child process calling self.run()")
            try:
                self.run()  # cpython-line multiprocessing/process.py:314
                exitcode = 0
            finally:
                _exit_function()
        except SystemExit as e:
            if e.code is None:
                exitcode = 0
            elif isinstance(e.code, int):
                exitcode = e.code
            else:
                sys.stderr.write(str(e.code) + "\n")
                exitcode = 1
        except BaseException as e:
            exitcode = 1
            sys.stderr.write("Process %s:\n" % self.name)
            sys.stderr.write(_thread.format_exception(e))
        finally:
            threading._shutdown()
            _info("process exiting with exitcode %d" % exitcode)
            sys.stdout.flush()
        return exitcode


class Process(BaseProcess):
    __module__ = "multiprocessing.context"
    _start_method = None


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = "MainProcess"
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {"authkey": b"concsim-authkey", "semprefix": "/mp"}
        self._pid = None
        self._returncode = None


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {}
        self._returncode = None

    def is_alive(self):
        return True

    @property
    def ident(self):
        return self._pid

    pid = ident


_current_process = _MainProcess()
_parent_process = None
_children = set()
_sentinels = {}
_next_sentinel = [64]


def _flush_std_streams():
    try:
        sys.stdout.flush()
    except (AttributeError, ValueError):
        pass
    try:
        sys.stderr.flush()
    except (AttributeError, ValueError):
        pass


_creating_ctx = None


def _in_context(ctx, make):
    # What a context's Queue(), Lock()... create remembers that context (CPython passes
    # ctx=); a SemLock made in a fork context may not go to a spawned child.
    global _creating_ctx
    old = _creating_ctx
    _creating_ctx = ctx.get_context()
    try:
        return make()
    finally:
        _creating_ctx = old


def _creation_is_fork():
    ctx = _creating_ctx
    if ctx is None:
        ctx = _default_context.get_context()
    return ctx._name == "fork"


_SEMLOCK_FORK_MSG = ("A SemLock created in a fork context is being shared with a process in a spawn "
                     "context. This is not supported. Please use the same context to create "
                     "multiprocessing objects and Process.")


def _assert_spawnable(obj, seen):
    # CPython's SemLock.__getstate__ refuses, while spawning, a lock or queue made in a fork
    # context; here the process object is walked before it is pickled.
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, (list, tuple, set, frozenset)):
        for x in obj:
            _assert_spawnable(x, seen)
    elif isinstance(obj, dict):
        for k in obj:
            _assert_spawnable(k, seen)
            _assert_spawnable(obj[k], seen)
    elif not isinstance(obj, type) and type(obj).__module__ != "builtins":
        if getattr(obj, "_fork_ctx", False) is True:
            raise RuntimeError(_SEMLOCK_FORK_MSG)
        d = getattr(obj, "__dict__", None)
        if isinstance(d, dict):
            for v in d.values():
                _assert_spawnable(v, seen)


_BOOTSTRAP_MSG = '''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        '''


def _check_not_importing_main():
    if getattr(_current_process, "_inheriting", False):
        raise RuntimeError(_BOOTSTRAP_MSG)


def _spawn_main():
    # A spawned child's bootstrap (CPython's spawn.spawn_main/_main/prepare): take the
    # parent's preparation data, import the program again as __mp_main__ (its __main__ block
    # does not run), then unpickle the process object and run it.
    prep = _thread.spawn_data(0)
    _current_process._inheriting = True
    try:
        _current_process.name = prep["name"]
        _current_process._config["authkey"] = prep["authkey"]
        _default_context.set_start_method(prep["start_method"], force=True)
        if prep.get("log_to_stderr"):
            log_to_stderr()
        if "log_level" in prep:
            get_logger().setLevel(prep["log_level"])
        import __mp_main__
        obj = _thread.spawn_data(1)
    finally:
        del _current_process._inheriting
    code = obj._bootstrap()
    os._exit(code)


def current_process():
    return _current_process


def parent_process():
    return _parent_process


def _cleanup():
    for p in list(_children):
        if p._returncode is None and p._poll(False) is not None:
            _children.discard(p)


def active_children():
    _cleanup()
    return list(_children)


_exiting = False
_log_to_stderr = False


def _info(msg, *args):
    if _logger:
        _logger.log(20, msg, *args)


def _debug(msg, *args):
    if _logger:
        _logger.log(10, msg, *args)


def _exit_function():
    # CPython's util._exit_function: terminate the daemonic children, join the others.
    global _exiting
    if not _exiting:
        _exiting = True
        _info("process shutting down")
        _debug('running all "atexit" finalizers with priority >= 0')
        for p in active_children():
            if p.daemon:
                _info("calling terminate() for daemon %s", p.name)
                p.terminate()
        for p in active_children():
            _info("calling join() for process %s", p.name)
            p.join()
        _debug('running the remaining "atexit" finalizers')


def freeze_support():
    pass


def Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
    from multiprocessing.pool import Pool
    return Pool(processes, initializer, initargs, maxtasksperchild, context)


def Manager():
    from multiprocessing.managers import SyncManager
    m = SyncManager()
    m.start()
    return m


# --- contexts and start methods (CPython's multiprocessing.context) ---


class BaseContext:
    __module__ = "multiprocessing.context"
    ProcessError = ProcessError
    BufferTooShort = BufferTooShort
    TimeoutError = TimeoutError
    AuthenticationError = AuthenticationError

    def current_process(self):
        return _current_process

    def parent_process(self):
        return _parent_process

    def active_children(self):
        return active_children()

    def cpu_count(self):
        return cpu_count()

    def Manager(self):
        return Manager()

    def Pipe(self, duplex=True):
        return Pipe(duplex)

    def Lock(self):
        return _in_context(self, lambda: Lock())

    def RLock(self):
        return _in_context(self, lambda: RLock())

    def Condition(self, lock=None):
        return _in_context(self, lambda: Condition(lock))

    def Semaphore(self, value=1):
        return _in_context(self, lambda: Semaphore(value))

    def BoundedSemaphore(self, value=1):
        return _in_context(self, lambda: BoundedSemaphore(value))

    def Event(self):
        return _in_context(self, lambda: Event())

    def Barrier(self, parties, action=None, timeout=None):
        return _in_context(self, lambda: Barrier(parties, action, timeout))

    def Queue(self, maxsize=0):
        return _in_context(self, lambda: Queue(maxsize))

    def JoinableQueue(self, maxsize=0):
        return _in_context(self, lambda: JoinableQueue(maxsize))

    def SimpleQueue(self):
        return _in_context(self, lambda: SimpleQueue())

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return Pool(processes, initializer, initargs, maxtasksperchild, context=self.get_context())

    def RawValue(self, typecode_or_type, *args):
        from multiprocessing.sharedctypes import RawValue
        return RawValue(typecode_or_type, *args)

    def RawArray(self, typecode_or_type, size_or_initializer):
        from multiprocessing.sharedctypes import RawArray
        return RawArray(typecode_or_type, size_or_initializer)

    def Value(self, typecode_or_type, *args, lock=True):
        from multiprocessing.sharedctypes import Value
        return _in_context(self, lambda: Value(typecode_or_type, *args, lock=lock))

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        from multiprocessing.sharedctypes import Array
        return _in_context(self, lambda: Array(typecode_or_type, size_or_initializer, lock=lock))

    def freeze_support(self):
        pass

    def get_logger(self):
        return get_logger()

    def log_to_stderr(self, level=None):
        return log_to_stderr(level)

    def get_context(self, method=None):
        if method is None:
            return self
        try:
            ctx = _concrete_contexts[method]
        except KeyError:
            raise ValueError("cannot find context for %r" % method) from None
        return ctx

    def get_start_method(self, allow_none=False):
        return self._name

    def set_start_method(self, method, force=False):
        raise ValueError("cannot set start method of concrete context")

    def get_all_start_methods(self):
        return ["fork", "spawn", "forkserver"]


class ForkProcess(BaseProcess):
    __module__ = "multiprocessing.context"
    _start_method = "fork"


class SpawnProcess(BaseProcess):
    __module__ = "multiprocessing.context"
    _start_method = "spawn"


class ForkServerProcess(BaseProcess):
    __module__ = "multiprocessing.context"
    _start_method = "forkserver"


class DefaultContext(BaseContext):
    __module__ = "multiprocessing.context"
    Process = Process

    def __init__(self, context):
        self._default_context = context
        self._actual_context = None

    def get_context(self, method=None):
        if method is None:
            if self._actual_context is None:
                self._actual_context = self._default_context
            return self._actual_context
        return BaseContext.get_context(self, method)

    def set_start_method(self, method, force=False):
        if self._actual_context is not None and not force:
            raise RuntimeError("context has already been set")
        if method is None and force:
            self._actual_context = None
            return
        self._actual_context = self.get_context(method)

    def get_start_method(self, allow_none=False):
        if self._actual_context is None:
            if allow_none:
                return None
            self._actual_context = self._default_context
        return self._actual_context._name


class ForkContext(BaseContext):
    __module__ = "multiprocessing.context"
    _name = "fork"
    Process = ForkProcess


class SpawnContext(BaseContext):
    __module__ = "multiprocessing.context"
    _name = "spawn"
    Process = SpawnProcess


class ForkServerContext(BaseContext):
    __module__ = "multiprocessing.context"
    _name = "forkserver"
    Process = ForkServerProcess


_concrete_contexts = {"fork": ForkContext(), "spawn": SpawnContext(), "forkserver": ForkServerContext()}
_default_context = DefaultContext(_concrete_contexts["fork"])
get_context = _default_context.get_context
set_start_method = _default_context.set_start_method
get_start_method = _default_context.get_start_method
get_all_start_methods = _default_context.get_all_start_methods


# --- queues and pipes: kernel channels shared by inheritance (fork) ---

_SEM_VALUE_MAX = 2147483647


class Queue:
    def __init__(self, maxsize=0):
        self._fork_ctx = _creation_is_fork()
        if maxsize <= 0:
            maxsize = _SEM_VALUE_MAX
        self._maxsize = maxsize
        self._id = _thread.chan_new(maxsize)
        self._closed = False

    def __repr__(self):
        return "<multiprocessing.queues.%s object at %s>" % (type(self).__name__, hex(id(self)))

    def _check_closed(self):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        if not _thread.chan_put(self._id, obj, block, timeout):
            from queue import Full
            raise Full  # cpython-line multiprocessing/queues.py:90

    def get(self, block=True, timeout=None):
        self._check_closed()
        ok, item = _thread.chan_get(self._id, block, timeout)
        if not ok:
            from queue import Empty
            if block:
                raise Empty  # cpython-line multiprocessing/queues.py:114
            raise Empty  # cpython-line multiprocessing/queues.py:116
        return item

    def qsize(self):
        return _thread.chan_size(self._id)

    def empty(self):
        return not self.qsize()

    def full(self):
        return self.qsize() >= self._maxsize

    def get_nowait(self):
        return self.get(False)  # cpython-line multiprocessing/queues.py:135

    def put_nowait(self, obj):
        return self.put(obj, False)  # cpython-line multiprocessing/queues.py:138

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


class JoinableQueue(Queue):
    def task_done(self):
        if not _thread.chan_task_done(self._id):
            raise ValueError("task_done() called too many times")

    def join(self):
        _thread.chan_join(self._id)


class SimpleQueue:
    def __init__(self):
        self._fork_ctx = _creation_is_fork()
        self._id = _thread.chan_new(0)
        self._closed = False

    def put(self, obj):
        _thread.chan_put(self._id, obj)

    def get(self):
        ok, item = _thread.chan_get(self._id)
        return item

    def empty(self):
        return _thread.chan_size(self._id) == 0

    def close(self):
        self._closed = True


class Connection:
    def __init__(self, rid, wid):
        self._rid = rid
        self._wid = wid
        self._closed = False

    def __repr__(self):
        return "<multiprocessing.connection.Connection object at %s>" % hex(id(self))

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._rid is not None

    @property
    def writable(self):
        return self._wid is not None

    def _check_closed(self):
        if self._closed:
            raise OSError("handle is closed")

    def send(self, obj):
        self._check_closed()
        if self._wid is None:
            raise OSError("connection is read-only")
        _thread.chan_put(self._wid, obj)

    def recv(self):
        self._check_closed()
        if self._rid is None:
            raise OSError("connection is write-only")
        ok, item = _thread.chan_get(self._rid)
        return item

    send_bytes = send
    recv_bytes = recv

    def poll(self, timeout=0.0):
        self._check_closed()
        if self._rid is None:
            raise OSError("connection is write-only")
        return _thread.chan_poll(self._rid, timeout)

    def close(self):
        if not self._closed:
            if self._wid is not None:
                _thread.chan_close(self._wid)
            self._closed = True

    def fileno(self):
        self._check_closed()
        return 3 + (self._rid if self._rid is not None else self._wid)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()


def Pipe(duplex=True):
    if duplex:
        a = _thread.chan_new(0, True)
        b = _thread.chan_new(0, True)
        return Connection(a, b), Connection(b, a)
    a = _thread.chan_new(0, True)
    return Connection(a, None), Connection(None, a)


# --- synchronization between processes: kernel channels holding tokens ---
# Like CPython's SemLock, each object also counts in the process that holds it how many times
# it was acquired there and by which thread last (`_is_mine`, `_count`): Condition needs that,
# and a forked child, whose pid differs, starts with a count of 0.


class Semaphore:
    _maxvalue = _SEM_VALUE_MAX

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._fork_ctx = _creation_is_fork()
        self._id = _thread.chan_new(0)
        self._pid = os.getpid()
        self._tid = None
        self._n = 0
        for i in range(value):
            _thread.chan_put(self._id, True)

    def _count(self):
        return self._n if self._pid == os.getpid() else 0

    def _is_mine(self):
        return self._count() > 0 and self._tid == _thread.get_ident()

    def _took(self):
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._n = 0
        self._n += 1
        self._tid = _thread.get_ident()

    def acquire(self, block=True, timeout=None):
        ok, item = _thread.chan_get(self._id, block, timeout)
        if ok:
            self._took()
        return ok

    def release(self):
        if not _thread.chan_put(self._id, True, False):
            raise ValueError("semaphore or lock released too many times")
        if self._count() > 0:
            self._n -= 1

    def get_value(self):
        return _thread.chan_size(self._id)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    # The reprs fall back to "unknown" as CPython's do when the semaphore cannot be read; in
    # concsim that happens when print() or "%s" call them, since a callback from a builtin
    # may not ask the kernel.
    def __repr__(self):
        try:
            value = self.get_value()
        except Exception:
            value = "unknown"
        return "<%s(value=%s)>" % (type(self).__name__, value)


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._maxvalue = value
        self._fork_ctx = _creation_is_fork()
        self._id = _thread.chan_new(max(value, 1))
        self._pid = os.getpid()
        self._tid = None
        self._n = 0
        for i in range(value):
            _thread.chan_put(self._id, True)

    def __repr__(self):
        try:
            value = self.get_value()
        except Exception:
            value = "unknown"
        return "<%s(value=%s, maxvalue=%s)>" % (type(self).__name__, value, self._maxvalue)


def _owner_name():
    name = _current_process.name
    if threading.current_thread().name != "MainThread":
        name += "|" + threading.current_thread().name
    return name


class Lock(BoundedSemaphore):
    def __init__(self):
        BoundedSemaphore.__init__(self, 1)

    def __repr__(self):
        try:
            if self._is_mine():
                name = _owner_name()
            elif self.get_value() == 1:
                name = "None"
            elif self._count() > 0:
                name = "SomeOtherThread"
            else:
                name = "SomeOtherProcess"
        except Exception:
            name = "unknown"
        return "<%s(owner=%s)>" % (type(self).__name__, name)


class RLock(Lock):
    # CPython's recursive SemLock: one token; the owner re-enters by counting.
    def acquire(self, block=True, timeout=None):
        if self._is_mine():
            self._n += 1
            return True
        return Lock.acquire(self, block, timeout)

    def release(self):
        if not self._is_mine():
            raise AssertionError("attempt to release recursive lock not owned by thread")
        if self._n > 1:
            self._n -= 1
        else:
            Lock.release(self)

    def __repr__(self):
        try:
            if self._is_mine():
                name, count = _owner_name(), self._count()
            elif self.get_value() == 1:
                name, count = "None", 0
            elif self._count() > 0:
                name, count = "SomeOtherThread", "nonzero"
            else:
                name, count = "SomeOtherProcess", "nonzero"
        except Exception:
            name, count = "unknown", "unknown"
        return "<%s(%s, %s)>" % (type(self).__name__, name, count)


class Condition:
    # CPython's multiprocessing.synchronize.Condition: three semaphores count the sleepers,
    # wake them and wait until each woken one has really woken.
    def __init__(self, lock=None):
        self._lock = lock or RLock()
        self._sleeping_count = Semaphore(0)
        self._woken_count = Semaphore(0)
        self._wait_semaphore = Semaphore(0)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        try:
            num_waiters = self._sleeping_count.get_value() - self._woken_count.get_value()
        except Exception:
            num_waiters = "unknown"
        # The lock's repr called explicitly, not by "%s", so that it may read the lock.
        return "<%s(%s, %s)>" % (type(self).__name__, self._lock.__repr__(), num_waiters)

    def wait(self, timeout=None):
        assert self._lock._is_mine(), "must acquire() condition before using wait()"
        self._sleeping_count.release()
        count = self._lock._count()
        for i in range(count):
            self._lock.release()
        try:
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            self._woken_count.release()
            for i in range(count):
                self._lock.acquire()

    def notify(self, n=1):
        assert self._lock._is_mine(), "lock is not owned"
        assert not self._wait_semaphore.acquire(False)
        # Sleepers whose wait timed out since the last notify woke by themselves: forget them.
        while self._woken_count.acquire(False):
            res = self._sleeping_count.acquire(False)
            assert res, "notify: Bug in sleeping_count.acquire- res should not be False"
        sleepers = 0
        while sleepers < n and self._sleeping_count.acquire(False):
            self._wait_semaphore.release()
            sleepers += 1
        if sleepers:
            for i in range(sleepers):
                self._woken_count.acquire()
            while self._wait_semaphore.acquire(False):
                pass

    def notify_all(self):
        self.notify(n=sys.maxsize)

    def wait_for(self, predicate, timeout=None):
        import time
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = time.monotonic() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


class Event:
    def __init__(self):
        self._fork_ctx = _creation_is_fork()
        self._id = _thread.chan_new(1)

    def is_set(self):
        return _thread.chan_size(self._id) > 0

    def set(self):
        _thread.chan_put(self._id, True, False)

    def clear(self):
        _thread.chan_get(self._id, False)

    def wait(self, timeout=None):
        return _thread.chan_poll(self._id, timeout)


class Barrier(threading.Barrier):
    # CPython's design: threading.Barrier's algorithm over a multiprocessing Condition, with
    # its two counters (_state, _count) in shared memory.
    def __init__(self, parties, action=None, timeout=None):
        from multiprocessing.sharedctypes import RawArray
        self._array = RawArray("i", 2)
        self._cond = Condition()
        self._action = action
        self._timeout = timeout
        self._parties = parties

    @property
    def _state(self):
        return self._array[0]

    @_state.setter
    def _state(self, value):
        self._array[0] = value

    @property
    def _count(self):
        return self._array[1]

    @_count.setter
    def _count(self, value):
        self._array[1] = value


# --- logging (CPython's multiprocessing.util) ---

_logger = None
LOGGER_NAME = "multiprocessing"
DEFAULT_LOGGING_FORMAT = "[%(levelname)s/%(processName)s] %(message)s"


def get_logger():
    global _logger
    import logging
    if not _logger:
        _logger = logging.getLogger(LOGGER_NAME)
        _logger.propagate = 0
    return _logger


def log_to_stderr(level=None):
    global _log_to_stderr
    import logging
    logger = get_logger()
    formatter = logging.Formatter(DEFAULT_LOGGING_FORMAT)
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    logger.addHandler(handler)
    if level:
        logger.setLevel(level)
    _log_to_stderr = True
    return _logger


_thread.atexit_register(_exit_function)

# Classes defined here with __module__ "multiprocessing.context" (Process…) are pickled by that
# name: the module must be there in every process that may unpickle one.
import multiprocessing.context
