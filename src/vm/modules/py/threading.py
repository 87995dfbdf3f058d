# concsim's threading module: CPython 3.11's threading API on the simulator's _thread.
# Invariant: every Thread object is in _active from the moment its thread runs until it
# ends; names, idents and error messages follow CPython 3.11.

import _thread
import os as _os

_start_thread = _thread.start_thread
_join_thread = _thread.join_thread
Lock = _thread.allocate_lock
_allocate_lock = _thread.allocate_lock
RLock = _thread.RLock
local = _thread._local
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
TIMEOUT_MAX = _thread.TIMEOUT_MAX
ThreadError = RuntimeError

_active = {}
_counter = 0


def _newname(name_template):
    global _counter
    _counter += 1
    return name_template % _counter


class Thread:
    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += f" ({target_name})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._tid = None
        self._started = False
        self._finished = False
        self._initialized = True

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started:
            status = "started"
        if self._finished:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started:
            raise RuntimeError("threads can only be started once")
        # Like CPython, start() returns only once the new thread is running.
        self._started_lock = _allocate_lock()
        self._started_lock.acquire()
        self._started = True
        _start_thread(self._bootstrap, self._name, self._daemonic)
        self._started_lock.acquire()
        self._started_lock = None

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        self._tid = _thread.current_tid()
        self._ident = get_ident()
        _active[self._tid] = self
        self._started_lock.release()
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as exc:
            excepthook(_ExceptHookArgs(type(exc), exc, None, self))
        finally:
            self._finished = True
            _active.pop(self._tid, None)

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if self._finished:
            return
        if timeout is not None and timeout < 0:
            timeout = 0
        _join_thread(self._tid, timeout)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._ident

    def is_alive(self):
        return self._started and not self._finished

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self._name

    def setName(self, name):
        self.name = name


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started = True
        self._tid = _thread.current_tid()
        self._ident = get_ident()
        _active[self._tid] = self


class _DummyThread(Thread):
    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started = True
        self._tid = _thread.current_tid()
        self._ident = get_ident()
        _active[self._tid] = self

    def join(self, timeout=None):
        assert False, "cannot join a dummy thread"


class _ExceptHookArgs:
    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


def excepthook(args):
    import sys
    if args.exc_type == SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    sys.stderr.write("Exception in thread %s:\n" % name)
    sys.stderr.write(_thread.format_exception(args.exc_value))
    sys.stderr.flush()


def current_thread():
    try:
        return _active[_thread.current_tid()]
    except KeyError:
        return _DummyThread()


currentThread = current_thread


def main_thread():
    return _main_thread


def active_count():
    return len(_active)


activeCount = active_count


def enumerate():
    return list(_active.values())


def _shutdown():
    # Like CPython at interpreter exit: wait for every non-daemon thread.
    for t in list(_active.values()):
        if t is not _main_thread and not t._daemonic and t.is_alive() and t is not current_thread():
            t.join()


def _after_fork():
    # In a forked child only the forking thread survives; it becomes the main thread.
    global _main_thread
    old = _thread.forked_from()
    current = _active.get(old)
    if current is None:
        current = _main_thread
    for t in list(_active.values()):
        if t is not current:
            t._finished = True
    _active.clear()
    current._tid = _thread.current_tid()
    current._ident = get_ident()
    _active[current._tid] = current
    _main_thread = current


_main_thread = _MainThread()
_os.register_at_fork(after_in_child=_after_fork)
_thread.register_shutdown(_shutdown)
