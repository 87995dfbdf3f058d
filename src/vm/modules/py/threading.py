# concsim's threading module: CPython 3.11's threading API on the simulator's _thread.
# Invariant: every Thread object is in _active from the moment its thread runs until it
# ends; names, idents and error messages follow CPython 3.11.

import _concsim as _thread
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
            raise RuntimeError("thread.__init__() not called")  # cpython-line 956
        if self._started:
            raise RuntimeError("threads can only be started once")  # cpython-line 959
        # Like CPython, start() returns only once the new thread is running.
        self._started_lock = _allocate_lock()
        self._started_lock.acquire()
        self._started = True
        _start_thread(self._bootstrap_inner, self._name, self._daemonic)
        self._started_lock.acquire()
        self._started_lock = None

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)  # cpython-line 982
        finally:
            del self._target, self._args, self._kwargs

    # CPython's _bootstrap only wraps _bootstrap_inner (to be quiet at interpreter shutdown):
    # the thread starts here, so that an exception's traceback shows CPython's frames.
    def _bootstrap_inner(self):
        self._tid = _thread.current_tid()
        self._ident = get_ident()
        _active[self._tid] = self
        self._started_lock.release()
        try:
            self.run()  # cpython-line 1045
        except SystemExit:
            pass
        except BaseException as exc:
            excepthook(_ExceptHookArgs(type(exc), exc, None, self))
        finally:
            self._finished = True
            _active.pop(self._tid, None)

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")  # cpython-line 1112
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")  # cpython-line 1114
        if self is current_thread():
            raise RuntimeError("cannot join current thread")  # cpython-line 1116
        # The kernel answers at once for a thread that has ended: reading `_finished` here
        # would race with the thread's own write for nothing (explore doubled its
        # schedules at every join).
        if timeout is not None and timeout < 0:
            timeout = 0
        tid = self._tid
        if tid is None:
            # Another thread of the parent, in a forked child (see _after_fork): not here.
            return
        _join_thread(tid, timeout)

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
            raise RuntimeError("cannot set daemon status of active thread")  # cpython-line 1226
        self._daemonic = daemonic

    def isDaemon(self):
        _deprecated("isDaemon() is deprecated, get the daemon attribute instead")
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated("setDaemon() is deprecated, set the daemon attribute instead")
        self.daemon = daemonic

    def getName(self):
        _deprecated("getName() is deprecated, get the name attribute instead")
        return self.name

    def setName(self, name):
        _deprecated("setName() is deprecated, set the name attribute instead")
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


def _deprecated(message):
    # The camelCase aliases warn since 3.10, attributed to their caller (shown by the
    # default filters only when that is __main__). Imported here: warnings is not needed
    # by threading otherwise.
    import warnings
    warnings.warn(message, DeprecationWarning, stacklevel=3)


def current_thread():
    try:
        return _active[_thread.current_tid()]
    except KeyError:
        return _DummyThread()


def currentThread():
    _deprecated("currentThread() is deprecated, use current_thread() instead")
    return current_thread()


def main_thread():
    return _main_thread


def active_count():
    return len(_active)


def activeCount():
    _deprecated("activeCount() is deprecated, use active_count() instead")
    return active_count()


def enumerate():
    return list(_active.values())


_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    # CPython's hook for concurrent.futures: called at exit, last registered first, before
    # the non-daemon threads are joined.
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")  # cpython-line 1527

    def call():
        func(*arg, **kwargs)

    _threading_atexits.append(call)


def _shutdown():
    # Like CPython at interpreter exit: run the threading atexit hooks, then wait for every
    # non-daemon thread.
    global _SHUTTING_DOWN
    _SHUTTING_DOWN = True
    for atexit_call in reversed(_threading_atexits):
        atexit_call()
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
            # Its tid is the parent's: joining it here must not wait for that thread.
            t._tid = None
    _active.clear()
    current._tid = _thread.current_tid()
    current._ident = get_ident()
    _active[current._tid] = current
    _main_thread = current


def _time():
    import time
    return time.monotonic()


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        if isinstance(self._lock, RLock):
            return self._lock._release_save()
        self._lock.release()
        return None

    def _acquire_restore(self, state):
        if isinstance(self._lock, RLock):
            self._lock._acquire_restore(state)
        else:
            self._lock.acquire()

    def _is_owned(self):
        if isinstance(self._lock, RLock):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")  # cpython-line 319
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            else:
                if timeout > 0:
                    gotit = waiter.acquire(True, timeout)
                else:
                    gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")  # cpython-line 377
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters[0]
            try:
                waiter.release()
            except RuntimeError:
                pass
            else:
                n -= 1
            try:
                waiters.remove(waiter)
            except ValueError:
                pass

    def notify_all(self):
        self.notify(len(self._waiters))

    def notifyAll(self):
        _deprecated("notifyAll() is deprecated, use notify_all() instead")
        self.notify_all()


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")  # cpython-line 431
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        return "<%s at %s: value=%s>" % (self.__class__.__name__, hex(id(self)), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")  # cpython-line 465
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')  # cpython-line 495
        with self._cond:
            self._value += n
            for i in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')  # cpython-line 542
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")  # cpython-line 545
            self._value += n
            for i in range(n):
                self._cond.notify()


class Event:
    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    def isSet(self):
        _deprecated("isSet() is deprecated, use is_set() instead")
        return self.is_set()

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        # No check of parties: CPython 3.11 accepts Barrier(0).
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter() # Block while the barrier drains.  # cpython-line 688
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()  # cpython-line 694
                else:
                    self._wait(timeout)  # cpython-line 697
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError  # cpython-line 712
        assert self._state == 0

    def _release(self):
        try:
            if self._action:
                self._action()  # cpython-line 720
            self._state = 1
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError  # cpython-line 735
        if self._state < 0:
            raise BrokenBarrierError  # cpython-line 737
        assert self._state == 1

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)  # cpython-line 1401
        self.finished.set()


_main_thread = _MainThread()
_os.register_at_fork(after_in_child=_after_fork)
_thread.register_shutdown(_shutdown)
