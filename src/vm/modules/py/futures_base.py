# concsim's concurrent.futures._base: CPython 3.11's Future (a state guarded by a Condition,
# waiters installed by wait()/as_completed(), callbacks run by the thread that completes it),
# Executor.map, wait, as_completed and the exceptions, written here in CPython's design.
# Invariant: a future moves PENDING -> RUNNING -> FINISHED or PENDING -> CANCELLED ->
# CANCELLED_AND_NOTIFIED, only under its condition, and every waiter installed on it hears of
# the move exactly once. Iterators are classes (no generators in preludes yet); as_completed
# does its set-up at the first next(), as CPython's generator does.

import sys
import threading
import time
import _concsim

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"
_AS_COMPLETED = "_AS_COMPLETED"

PENDING = "PENDING"
RUNNING = "RUNNING"
CANCELLED = "CANCELLED"
CANCELLED_AND_NOTIFIED = "CANCELLED_AND_NOTIFIED"
FINISHED = "FINISHED"

_FUTURE_STATES = [PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished",
}


class _Logger:
    # CPython logs through logging.getLogger("concurrent.futures"); with no handler configured
    # that is logging's last resort: the message and the traceback on stderr. This stands in
    # for it while concsim has no logging module.
    def exception(self, msg, *args):
        self._log(msg, args, sys.exc_info()[1])

    def critical(self, msg, *args, exc_info=False):
        self._log(msg, args, sys.exc_info()[1] if exc_info else None)

    def _log(self, msg, args, exc):
        if args:
            msg = msg % args
        text = msg + "\n"
        if exc is not None:
            text += _concsim.format_exception(exc)
        sys.stderr.write(text)


try:
    import logging
except ImportError:
    logging = None

LOGGER = logging.getLogger("concurrent.futures") if logging is not None else _Logger()


class Error(Exception):
    __module__ = "concurrent.futures._base"


class CancelledError(Error):
    __module__ = "concurrent.futures._base"


TimeoutError = TimeoutError


class InvalidStateError(Error):
    __module__ = "concurrent.futures._base"


class BrokenExecutor(RuntimeError):
    __module__ = "concurrent.futures._base"


class _Waiter:
    def __init__(self):
        self.event = threading.Event()
        self.finished_futures = []

    def add_result(self, future):
        self.finished_futures.append(future)

    def add_exception(self, future):
        self.finished_futures.append(future)

    def add_cancelled(self, future):
        self.finished_futures.append(future)


class _AsCompletedWaiter(_Waiter):
    def __init__(self):
        _Waiter.__init__(self)
        self.lock = threading.Lock()

    def add_result(self, future):
        with self.lock:
            _Waiter.add_result(self, future)
            self.event.set()

    def add_exception(self, future):
        with self.lock:
            _Waiter.add_exception(self, future)
            self.event.set()

    def add_cancelled(self, future):
        with self.lock:
            _Waiter.add_cancelled(self, future)
            self.event.set()


class _FirstCompletedWaiter(_Waiter):
    def add_result(self, future):
        _Waiter.add_result(self, future)
        self.event.set()

    def add_exception(self, future):
        _Waiter.add_exception(self, future)
        self.event.set()

    def add_cancelled(self, future):
        _Waiter.add_cancelled(self, future)
        self.event.set()


class _AllCompletedWaiter(_Waiter):
    def __init__(self, num_pending_calls, stop_on_exception):
        self.num_pending_calls = num_pending_calls
        self.stop_on_exception = stop_on_exception
        self.lock = threading.Lock()
        _Waiter.__init__(self)

    def _decrement_pending_calls(self):
        with self.lock:
            self.num_pending_calls -= 1
            if not self.num_pending_calls:
                self.event.set()

    def add_result(self, future):
        _Waiter.add_result(self, future)
        self._decrement_pending_calls()

    def add_exception(self, future):
        _Waiter.add_exception(self, future)
        if self.stop_on_exception:
            self.event.set()
        else:
            self._decrement_pending_calls()

    def add_cancelled(self, future):
        _Waiter.add_cancelled(self, future)
        self._decrement_pending_calls()


class _AcquireFutures:
    # Takes every future's condition in one global order (CPython sorts by id).
    def __init__(self, futures):
        self.futures = sorted(futures, key=id)

    def __enter__(self):
        for future in self.futures:
            future._condition.acquire()

    def __exit__(self, *args):
        for future in self.futures:
            future._condition.release()


def _create_and_install_waiters(fs, return_when):
    if return_when == _AS_COMPLETED:
        waiter = _AsCompletedWaiter()
    elif return_when == FIRST_COMPLETED:
        waiter = _FirstCompletedWaiter()
    else:
        pending_count = 0
        for f in fs:
            if f._state not in [CANCELLED_AND_NOTIFIED, FINISHED]:
                pending_count += 1
        if return_when == FIRST_EXCEPTION:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=True)
        elif return_when == ALL_COMPLETED:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=False)
        else:
            raise ValueError("Invalid return condition: %r" % return_when)
    for f in fs:
        f._waiters.append(waiter)
    return waiter


class _AsCompletedIterator:
    # CPython's as_completed generator: the futures already done first (in reverse), then each
    # batch the waiter collected, in the order they finished.
    def __init__(self, fs, timeout):
        self._fs_arg = fs
        self._timeout = timeout
        self._started = False
        self._closed = False
        self._ready = []

    def __iter__(self):
        return self

    def _start(self):
        self._started = True
        if self._timeout is not None:
            self._end_time = self._timeout + time.monotonic()
        fs = set(self._fs_arg)
        self._fs_arg = None
        self._fs = fs
        self._total = len(fs)
        with _AcquireFutures(fs):
            finished = set()
            for f in fs:
                if f._state in [CANCELLED_AND_NOTIFIED, FINISHED]:
                    finished.add(f)
            self._pending = fs - finished
            self._waiter = _create_and_install_waiters(fs, _AS_COMPLETED)
        self._ready = list(finished)
        self._sets = (fs,)

    def _finish(self):
        self._closed = True
        for f in self._fs:
            with f._condition:
                if self._waiter in f._waiters:
                    f._waiters.remove(self._waiter)

    def _take(self):
        f = self._ready[-1]
        for futures_set in self._sets:
            futures_set.remove(f)
        with f._condition:
            f._waiters.remove(self._waiter)
        return self._ready.pop()

    def __next__(self):
        if self._closed:
            raise StopIteration
        try:
            if not self._started:
                self._start()
            if self._ready:
                return self._take()
            while self._pending:
                if self._timeout is None:
                    wait_timeout = None
                else:
                    wait_timeout = self._end_time - time.monotonic()
                    if wait_timeout < 0:
                        raise TimeoutError("%d (of %d) futures unfinished" % (len(self._pending), self._total))
                self._waiter.event.wait(wait_timeout)
                with self._waiter.lock:
                    finished = self._waiter.finished_futures
                    self._waiter.finished_futures = []
                    self._waiter.event.clear()
                finished.reverse()
                self._ready = finished
                self._sets = (self._fs, self._pending)
                if self._ready:
                    return self._take()
        except BaseException:
            self._finish()
            raise
        self._finish()
        raise StopIteration


def as_completed(fs, timeout=None):
    return _AsCompletedIterator(fs, timeout)


class DoneAndNotDoneFutures:
    # CPython's namedtuple('DoneAndNotDoneFutures', 'done not_done'); concsim cannot subclass
    # tuple yet, so this is a class that unpacks, indexes and prints like it.
    __module__ = "concurrent.futures._base"

    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __eq__(self, other):
        if isinstance(other, DoneAndNotDoneFutures):
            other = (other.done, other.not_done)
        return (self.done, self.not_done) == other

    def __repr__(self):
        return "DoneAndNotDoneFutures(done=%r, not_done=%r)" % (self.done, self.not_done)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = set(fs)
    with _AcquireFutures(fs):
        done = set()
        for f in fs:
            if f._state in [CANCELLED_AND_NOTIFIED, FINISHED]:
                done.add(f)
        not_done = fs - done
        if (return_when == FIRST_COMPLETED) and done:
            return DoneAndNotDoneFutures(done, not_done)
        elif (return_when == FIRST_EXCEPTION) and done:
            for f in done:
                if not f.cancelled() and f.exception() is not None:
                    return DoneAndNotDoneFutures(done, not_done)
        if len(done) == len(fs):
            return DoneAndNotDoneFutures(done, not_done)
        waiter = _create_and_install_waiters(fs, return_when)
    waiter.event.wait(timeout)
    for f in fs:
        with f._condition:
            f._waiters.remove(waiter)
    done.update(waiter.finished_futures)
    return DoneAndNotDoneFutures(done, fs - done)


def _result_or_cancel(fut, timeout=None):
    try:
        return fut.result(timeout)  # cpython-line 317
    finally:
        fut.cancel()


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                LOGGER.exception("exception calling callback for %r", self)

    def __repr__(self):
        with self._condition:
            if self._state == FINISHED:
                if self._exception:
                    return "<%s at %#x state=%s raised %s>" % (
                        self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._exception.__class__.__name__)
                else:
                    return "<%s at %#x state=%s returned %s>" % (
                        self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._result.__class__.__name__)
            return "<%s at %#x state=%s>" % (self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[self._state])

    def cancel(self):
        with self._condition:
            if self._state in [RUNNING, FINISHED]:
                return False
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]

    def running(self):
        with self._condition:
            return self._state == RUNNING

    def done(self):
        with self._condition:
            return self._state in [CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]

    def __get_result(self):
        if self._exception:
            raise self._exception  # cpython-line 401
        else:
            return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in [CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]:
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception:
            LOGGER.exception("exception calling callback for %r", self)

    def result(self, timeout=None):
        with self._condition:
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == FINISHED:
                return self.__get_result()  # cpython-line 449
            self._condition.wait(timeout)
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == FINISHED:
                return self.__get_result()  # cpython-line 456
            else:
                raise TimeoutError()  # cpython-line 458

    def exception(self, timeout=None):
        with self._condition:
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception
            else:
                raise TimeoutError()  # cpython-line 494

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                return False
            elif self._state == PENDING:
                self._state = RUNNING
                return True
            else:
                LOGGER.critical("Future %s in unexpected state: %s", id(self), self._state)
                raise RuntimeError("Future in unexpected state")

    def set_result(self, result):
        with self._condition:
            if self._state in {CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED}:
                raise InvalidStateError("{}: {!r}".format(self._state, self))
            self._result = result
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in {CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED}:
                raise InvalidStateError("{}: {!r}".format(self._state, self))
            self._exception = exception
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()


class Executor:
    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        end_time = None
        if timeout is not None:
            end_time = timeout + time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        # A generator (CPython's `Executor.map.<locals>.result_iterator`) made after the
        # submissions, so that they all happen before the first result is asked for: results
        # in the order of submission, each waited for with what is left of the timeout;
        # leaving early (an error, a timeout, close()) cancels the futures not reached.
        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())  # cpython-line 619
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - time.monotonic())  # cpython-line 621
            finally:
                for future in fs:
                    future.cancel()

        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False
