# asyncio for concsim, written here in CPython 3.11's design (futures, tasks, an event loop
# with a FIFO ready queue and a heap of timers, the high-level API on top). The loop's idle
# wait is a timed wait on a threading.Condition: on the simulated machine it is a kernel
# timer, so `await asyncio.sleep(1)` advances the virtual clock, and `call_soon_threadsafe`
# (to_thread, run_in_executor) wakes the loop early. Callbacks run in CPython's order: a
# callback scheduled with call_soon runs after those already ready; timers run in order of
# their deadline (the same binary heap as CPython's heapq).
#
# Streams and subprocesses are in asyncio_streams.py and asyncio_subprocess.py, fetched on
# demand (`__getattr__`). Not here yet: async generator hooks (shutdown_asyncgens).
# CPython reports a failed task or future whose exception nobody retrieved, and a task still
# pending, when the object is freed; without reference counting these reports come when the
# loop closes (`close`), which is when CPython frees a task or future that only the loop held:
# "Future exception was never retrieved", "Task exception was never retrieved", and "Task was
# destroyed but it is pending!" for a task whose step waits in the ready queue (with its
# never-started coroutine's RuntimeWarning at `self._ready.clear()`); a task that waits for a
# future is in a reference cycle with it, which CPython's garbage collector frees at exit: its
# report comes at exit (`_report_pending`).

import time as _time
import threading as _threading
import sys as _sys
import _concsim

__all__ = [
    "run", "sleep", "create_task", "gather", "wait", "wait_for", "as_completed", "shield",
    "get_event_loop", "get_running_loop", "new_event_loop", "set_event_loop", "current_task",
    "all_tasks", "ensure_future", "to_thread", "iscoroutine", "iscoroutinefunction",
    "timeout", "timeout_at", "Timeout",
    "Future", "Task", "Queue", "PriorityQueue", "LifoQueue", "QueueEmpty", "QueueFull",
    "Lock", "Event", "Condition", "Semaphore", "BoundedSemaphore", "Barrier", "TaskGroup", "Runner",
    "CancelledError", "TimeoutError", "InvalidStateError", "BrokenBarrierError",
    "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED",
    "AbstractEventLoop", "BaseEventLoop", "SelectorEventLoop",
]


class CancelledError(BaseException):
    """The Future or Task was cancelled."""
    __module__ = "asyncio.exceptions"


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""
    __module__ = "asyncio.exceptions"


TimeoutError = TimeoutError


class BrokenBarrierError(RuntimeError):
    """Barrier is broken by barrier.abort() call."""
    __module__ = "asyncio.exceptions"


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""
    __module__ = "asyncio.queues"


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""
    __module__ = "asyncio.queues"


FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


# ----- the timer heap: CPython's heapq algorithm (a min-heap ordered by `<`) -----------------

def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


def _heappush(heap, item):
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def _heappop(heap):
    last = heap.pop()
    if heap:
        item = heap[0]
        heap[0] = last
        _siftup(heap, 0)
        return item
    return last


# ----- handles ---------------------------------------------------------------------------------

class Handle:
    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._loop = loop
        self._cancelled = False

    def cancel(self):
        if not self._cancelled:
            self._cancelled = True
            self._callback = None
            self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        # BaseEventLoop._run_once runs this body inline; keep the two the same.
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._report(exc)

    def _report(self, exc):
        self._loop.call_exception_handler({
            "message": "Exception in callback %r" % (self._callback,),
            "exception": exc,
            "handle": self,
        })


class TimerHandle(Handle):
    def __init__(self, when, callback, args, loop):
        super().__init__(callback, args, loop)
        self._when = when
        self._scheduled = False

    def __lt__(self, other):
        return self._when < other._when

    def when(self):
        return self._when

    def cancel(self):
        if not self._cancelled:
            self._loop._timer_handle_cancelled(self)
        super().cancel()


# ----- futures and tasks -----------------------------------------------------------------------

class Future:
    _asyncio_future_blocking = False

    def __init__(self, *, loop=None):
        self._loop = get_event_loop() if loop is None else loop
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None
        self._cancelled_exc = None
        self._log_traceback = False

    def __repr__(self):
        state = self._state.lower()
        if self._state == _FINISHED:
            if self._exception is not None:
                return "<Future finished exception=%r>" % (self._exception,)
            return "<Future finished result=%r>" % (self._result,)
        if self._callbacks:
            return "<Future %s cb=[%s]>" % (state, ", ".join(_format_callback(c) for c in self._callbacks))
        return "<Future %s>" % state

    def get_loop(self):
        return self._loop

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def _schedule_callbacks(self):
        callbacks = self._callbacks[:]
        if not callbacks:
            return
        self._callbacks[:] = []
        for callback in callbacks:
            self._loop.call_soon(callback, self)

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not set.")
        self._log_traceback = False
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        self._log_traceback = False
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        kept = [f for f in self._callbacks if f != fn]
        removed = len(self._callbacks) - len(kept)
        if removed:
            self._callbacks[:] = kept
        return removed

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError("invalid state")
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError("invalid state")
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError("StopIteration interacts badly with generators and cannot be raised into a Future")
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()
        self._log_traceback = True
        if type(self) is not Task:
            _failed_futures.append(self)

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()

    __iter__ = __await__


def isfuture(obj):
    return getattr(obj, "_asyncio_future_blocking", None) is not None and not isinstance(obj, type)


_task_counter = [0]
_all_tasks = []
# Futures (not tasks) that were given an exception: reported at their loop's close unless
# it was retrieved.
_failed_futures = []
# Tasks of closed loops that were still waiting for a future: reported at exit.
_destroyed_at_exit = []


def _format_callback(cb):
    # A Future's callback as CPython's repr shows it (the C task's wakeup is `task_wakeup`).
    func = getattr(cb, "__func__", cb)
    name = getattr(func, "__qualname__", None)
    if name == "Task._Task__wakeup" or name == "Task.__wakeup":
        return "Task.task_wakeup()"
    if name is None:
        return repr(cb)
    return name + "()"


def _report_pending():
    for task in _destroyed_at_exit:
        if task._state == _PENDING:
            task._loop.call_exception_handler({
                "message": "Task was destroyed but it is pending!",
                "task": task,
            })
    _destroyed_at_exit[:] = []


class Task(Future):
    def __init__(self, coro, *, loop=None, name=None, context=None):
        # Future.__init__ inline (as CPython's C task initialises its future part itself):
        # one frame and a super() less per task.
        self._loop = get_event_loop() if loop is None else loop
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None
        self._cancelled_exc = None
        self._log_traceback = False
        if not iscoroutine(coro):
            raise TypeError("a coroutine was expected, got %r" % (coro,))
        if name is None:
            _task_counter[0] += 1
            self._name = "Task-%d" % _task_counter[0]
        else:
            self._name = str(name)
        self._must_cancel = False
        self._fut_waiter = None
        self._coro = coro
        self._num_cancels_requested = 0
        if context is None:
            # contextvars, when the program uses it: each step runs in a copy of the
            # context the task was created in (CPython's Task._context).
            cv = _concsim.imported("contextvars")
            context = cv.copy_context() if cv is not None else None
        self._context = context
        if context is not None:
            step = self._Task__step
            self._Task__step = lambda exc=None: context.run(step, exc)
        # The first step's handle is kept: every later step the task schedules itself
        # with no exception to throw in (a bare `yield`, asyncio.sleep(0)) re-queues this
        # same handle (see __step). A task is in the ready queue at most once, so the handle
        # is never queued twice. Dropped when the task ends (the handle refers to it).
        self._step_handle = self._loop.call_soon(self._Task__step)
        _all_tasks.append(self)

    def __repr__(self):
        coro = "coro=<%s>" % _format_coroutine(self._coro)
        if self._state == _FINISHED:
            if self._exception is not None:
                return "<Task finished name=%r %s exception=%r>" % (self._name, coro, self._exception)
            return "<Task finished name=%r %s result=%r>" % (self._name, coro, self._result)
        if self._fut_waiter is not None:
            coro += " wait_for=%r" % (self._fut_waiter,)
        return "<Task %s name=%r %s>" % (self._state.lower(), self._name, coro)

    def get_coro(self):
        return self._coro

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def __step(self, exc=None):
        # The state is read directly, as CPython's C task does (not `self.done()`); the
        # loop is a local: this runs once per task step.
        if self._state != _PENDING:
            raise InvalidStateError("_step(): already done: %r, %r" % (self, exc))
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        coro = self._coro
        self._fut_waiter = None
        loop = self._loop
        loop._current_task = self
        try:
            if exc is None:
                result = coro.send(None)
            else:
                result = coro.throw(exc)
        except StopIteration as exc:
            self._step_handle = None
            if self._must_cancel:
                self._must_cancel = False
                Future.cancel(self, msg=self._cancel_message)
            else:
                Future.set_result(self, exc.value)
        except CancelledError as exc:
            self._step_handle = None
            self._cancelled_exc = exc
            Future.cancel(self)
        except (KeyboardInterrupt, SystemExit) as exc:
            self._step_handle = None
            Future.set_exception(self, exc)
            raise
        except BaseException as exc:
            self._step_handle = None
            Future.set_exception(self, exc)
        else:
            if result is None:
                # `loop.call_soon(self.__step)` with the task's own step handle, queued
                # again (no new Handle, no bound method): the hot path of a task switch.
                if loop._closed:
                    raise RuntimeError("Event loop is closed")
                loop._ready.append(self._step_handle)
                return
            blocking = getattr(result, "_asyncio_future_blocking", None)
            if blocking is not None:
                if result._loop is not self._loop:
                    new_exc = RuntimeError("Task %r got Future %r attached to a different loop" % (self, result))
                    self._loop.call_soon(self._Task__step, new_exc)
                elif blocking:
                    if result is self:
                        new_exc = RuntimeError("Task cannot await on itself: %r" % (self,))
                        self._loop.call_soon(self._Task__step, new_exc)
                    else:
                        result._asyncio_future_blocking = False
                        result.add_done_callback(self._Task__wakeup)
                        self._fut_waiter = result
                        if self._must_cancel:
                            if self._fut_waiter.cancel(msg=self._cancel_message):
                                self._must_cancel = False
                else:
                    new_exc = RuntimeError(
                        "yield was used instead of yield from in task %r with %r" % (self, result))
                    self._loop.call_soon(self._Task__step, new_exc)
            elif result is None:
                self._loop.call_soon(self._Task__step)
            else:
                new_exc = RuntimeError("Task got bad yield: %r" % (result,))
                self._loop.call_soon(self._Task__step, new_exc)
        finally:
            loop._current_task = None

    def __wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self._Task__step(exc)
        else:
            self._Task__step()


def _format_coroutine(coro):
    # CPython's coroutines._format_coroutine: where the coroutine is, or where it was defined.
    info = _concsim.coro_info(coro) if iscoroutine(coro) else None
    if info is None:
        return repr(coro)
    name, filename, first, line, state = info
    if state == "done":
        return "%s() done, defined at %s:%d" % (name, filename, first)
    if state == "running":
        return "%s() running, defined at %s:%d" % (name, filename, first)
    return "%s() running at %s:%d" % (name, filename, line)


def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"


def iscoroutinefunction(func):
    code = getattr(func, "__code__", None)
    return code is not None and bool(code.co_flags & 0x80)


def ensure_future(coro_or_future, *, loop=None):
    if isfuture(coro_or_future):
        return coro_or_future
    if iscoroutine(coro_or_future):
        if loop is None:
            loop = get_event_loop()
        return loop.create_task(coro_or_future)
    if hasattr(coro_or_future, "__await__"):
        return ensure_future(_wrap_awaitable(coro_or_future), loop=loop)
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


async def _wrap_awaitable(awaitable):
    return await awaitable


# ----- the event loop --------------------------------------------------------------------------

_running = _threading.local()
_MAXIMUM_TIMEOUT = 24 * 3600


def _logger():
    # asyncio's "asyncio" logger, when the program uses logging: a program that never
    # imported logging configured no handler, so a record below WARNING would not show, and
    # one at WARNING or above shows as logging's last resort prints it (see
    # default_exception_handler).
    logging = _sys.modules.get("logging")
    return None if logging is None else logging.getLogger("asyncio")


class AbstractEventLoop:
    """Abstract event loop."""


class BaseEventLoop(AbstractEventLoop):
    def __init__(self):
        self._ready = []
        self._scheduled = []
        self._stopping = False
        self._closed = False
        self._running_thread = None
        self._timer_cancelled_count = 0
        self._clock_resolution = 1e-09
        self._wakeup = _threading.Condition()
        self._default_executor = None
        self._exception_handler = None
        if _concsim.task_choices():
            self._run_once = self._run_once_choosing

    def __repr__(self):
        return "<_UnixSelectorEventLoop running=%s closed=%s debug=False>" % (
            self.is_running(), self._closed)

    def time(self):
        return _time.monotonic()

    def is_running(self):
        return self._running_thread is not None

    def is_closed(self):
        return self._closed

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    def call_soon(self, callback, *args, context=None):
        # `_check_closed()` inline: this is the hot path of every task step.
        if self._closed:
            raise RuntimeError("Event loop is closed")
        handle = Handle(callback, args, self)
        self._ready.append(handle)
        return handle

    def call_soon_threadsafe(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        with self._wakeup:
            self._ready.append(handle)
            self._wakeup.notify()
        return handle

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        timer = TimerHandle(when, callback, args, self)
        _heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        return Task(coro, loop=self, name=name, context=context)

    def run_forever(self):
        self._check_closed()
        if self.is_running():
            raise RuntimeError("This event loop is already running")
        if getattr(_running, "loop", None) is not None:
            raise RuntimeError("Cannot run the event loop while another loop is running")
        self._running_thread = _threading.get_ident()
        _running.loop = self
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running_thread = None
            _running.loop = None

    def run_until_complete(self, future):
        self._check_closed()
        new_task = not isfuture(future)
        future = ensure_future(future, loop=self)

        def done(fut):
            fut._loop.stop()

        future.add_done_callback(done)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(done)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return future.result()  # cpython-line asyncio/base_events.py:653

    def stop(self):
        self._stopping = True

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        # CPython reports a failed task or future nobody asked for its exception, and a task
        # still pending, when it is freed; here its loop's end stands for that moment (see
        # the top of this file).
        failed = [f for f in _failed_futures if f._loop is self]
        _failed_futures[:] = [f for f in _failed_futures if f._loop is not self]
        for fut in failed:
            if fut._log_traceback:
                fut._log_traceback = False
                self.call_exception_handler({
                    "message": "Future exception was never retrieved",
                    "exception": fut._exception,
                    "future": fut,
                })
        failed = None
        mine = [t for t in _all_tasks if t._loop is self]
        _all_tasks[:] = [t for t in _all_tasks if t._loop is not self]
        for task in mine:
            if task._log_traceback:
                task._log_traceback = False
                self.call_exception_handler({
                    "message": "Task exception was never retrieved",
                    "exception": task._exception,
                    "future": task,
                })
            elif task._state == _PENDING:
                if task._fut_waiter is None:
                    self.call_exception_handler({
                        "message": "Task was destroyed but it is pending!",
                        "task": task,
                    })
                    # Freed with the ready queue (below), its coroutine too.
                    task._step_handle = None
                else:
                    if not _destroyed_at_exit:
                        import atexit
                        atexit.register(_report_pending)
                    _destroyed_at_exit.append(task)
        mine = task = None
        self._ready.clear()  # cpython-line asyncio/base_events.py:678
        self._scheduled.clear()
        executor = self._default_executor
        if executor is not None:
            self._default_executor = None
            executor.shutdown(wait=False)

    async def shutdown_asyncgens(self):
        return None

    async def shutdown_default_executor(self):
        if self._default_executor is None:
            return
        future = self.create_future()
        executor = self._default_executor

        def shut():
            try:
                executor.shutdown(wait=True)
            finally:
                self.call_soon_threadsafe(future.set_result, None)

        thread = _threading.Thread(target=shut)
        thread.start()
        try:
            await future
        finally:
            thread.join()

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            executor = self._default_executor
            if executor is None:
                import concurrent.futures
                executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
                self._default_executor = executor
        return wrap_future(executor.submit(func, *args), loop=self)

    def set_exception_handler(self, handler):
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def default_exception_handler(self, context):
        # CPython logs it with the traceback to the "asyncio" logger; without logging's
        # handlers that is its last resort: the message alone.
        message = context.get("message") or "Unhandled exception in event loop"
        exc = context.get("exception")
        lines = [message]
        for key in sorted(context):
            if key in ("message", "exception"):
                continue
            lines.append("%s: %r" % (key, context[key]))
        logger = _logger()
        if logger is not None:
            exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else False
            logger.error("\n".join(lines), exc_info=exc_info)
            return
        text = "\n".join(lines)
        if exc is not None:
            text += "\n" + _concsim.format_exception(exc).rstrip("\n")
        print(text, file=_sys.stderr)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            self.default_exception_handler(context)
        else:
            self._exception_handler(self, context)

    def _take_ready(self):
        with self._wakeup:
            ready = self._ready
            self._ready = []
        return ready

    def _run_once(self):
        self._collect_ready()
        # This pass's batch is the ready queue itself, swapped for an empty one, and only
        # the loop holds it: each handle is freed once it has run (the VM moves the items
        # out of a list no one else can see), as CPython's `popleft()` loop frees it.
        for handle in self._take_ready():
            if handle._cancelled:
                continue
            # `handle._run()` inline (the same try), one frame less per callback.
            try:
                handle._callback(*handle._args)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                handle._report(exc)

    def _run_once_choosing(self):
        # Under explore (and its replays) the machine chooses which ready callback runs
        # next, as it chooses which thread runs: a task switch at an await is a decision.
        # Answer 0 every time is CPython's order (the same batches, first in first out).
        self._collect_ready()
        ready = self._ready
        with self._wakeup:
            todo = len(ready)
        while todo:
            todo -= 1
            with self._wakeup:
                n = len(ready)
            i = _concsim.choose_task(n)
            with self._wakeup:
                handle = ready.pop(i)
            if not handle._cancelled:
                handle._run()

    def _collect_ready(self):
        # Drops cancelled timers, waits for the first ready callback or timer, and moves the
        # timers that are due to the ready queue.
        scheduled = self._scheduled
        if self._timer_cancelled_count and self._timer_cancelled_count * 2 > len(scheduled):
            kept = []
            for handle in scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    kept.append(handle)
            scheduled[:] = []
            for handle in kept:
                _heappush(scheduled, handle)
            self._timer_cancelled_count = 0
        else:
            while scheduled and scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = _heappop(scheduled)
                handle._scheduled = False
        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif scheduled:
            timeout = min(max(0, scheduled[0]._when - self.time()), _MAXIMUM_TIMEOUT)
        if timeout:
            # epoll waits in whole milliseconds, rounded up, so timers due within the same
            # millisecond run in one pass (two sleeps of 0.1 started together end together).
            timeout = -(-timeout * 1e3 // 1) * 1e-3
        if timeout != 0:
            # The selector's wait: woken early by call_soon_threadsafe.
            with self._wakeup:
                if not self._ready:
                    self._wakeup.wait(timeout)
        end_time = self.time() + self._clock_resolution
        while scheduled:
            handle = scheduled[0]
            if handle._when >= end_time:
                break
            handle = _heappop(scheduled)
            handle._scheduled = False
            self._ready.append(handle)


def _get_running_loop():
    return getattr(_running, "loop", None)


def get_running_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError("no running event loop")
    return loop


_thread_loops = _threading.local()


def get_event_loop():
    loop = _get_running_loop()
    if loop is not None:
        return loop
    loop = getattr(_thread_loops, "loop", None)
    if loop is None:
        if _threading.current_thread() is not _threading.main_thread():
            raise RuntimeError("There is no current event loop in thread %r." % _threading.current_thread().name)
        loop = new_event_loop()
        _thread_loops.loop = loop
    return loop


def set_event_loop(loop):
    _thread_loops.loop = loop


class BaseSelectorEventLoop(BaseEventLoop):
    def __init__(self, selector=None):
        super().__init__()
        logger = _logger()
        if logger is not None:
            logger.debug("Using selector: %s", "EpollSelector")


class _UnixSelectorEventLoop(BaseSelectorEventLoop):
    """Unix event loop."""


SelectorEventLoop = _UnixSelectorEventLoop


def new_event_loop():
    return _UnixSelectorEventLoop()


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return getattr(loop, "_current_task", None)


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {t for t in _all_tasks if t._loop is loop and not t.done()}


def create_task(coro, *, name=None, context=None):
    return get_running_loop().create_task(coro, name=name, context=context)


def __getattr__(name):
    # PEP 562: subprocesses and streams (create_subprocess_exec, open_connection...) and the
    # submodules are fetched on demand (asyncio_alias.py says which module has what).
    from asyncio.exceptions import _lazy
    return _lazy(name)


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug) as runner:
        return runner.run(main)  # cpython-line asyncio/runners.py:190


def _cancel_all_tasks(loop):
    to_cancel = [t for t in _all_tasks if t._loop is loop and not t.done()]
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


# ----- sleeping, waiting ----------------------------------------------------------------------

class _Yield:
    # A bare `yield`: the task is rescheduled with call_soon (asyncio.sleep(0); CPython's
    # `__sleep0`). `__await__` is native: an iterator that gives None once (see
    # `_concsim.yield_once`), where a generator would make, resume and retire a frame on
    # every sleep(0).
    __await__ = _concsim.yield_once


_YIELD = _Yield()


def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


async def sleep(delay, result=None):
    if delay <= 0:
        await _YIELD
        return result
    loop = get_running_loop()
    future = loop.create_future()
    h = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _cancel_and_wait(fut, loop):
    waiter = loop.create_future()

    def cb(f):
        _release_waiter(waiter)

    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)

    def cb(f):
        _release_waiter(waiter)

    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            raise
        if fut.done():
            return fut.result()
        fut.remove_done_callback(cb)
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError("expect a list of futures, not %s" % type(fs).__name__)
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError("Invalid return_when value: %s" % (return_when,))
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    loop = get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


async def _wait(fs, timeout, return_when, loop):
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = [len(fs)]

    def on_completion(f):
        counter[0] -= 1
        if (counter[0] <= 0 or return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


def as_completed(fs, *, timeout=None):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError("expect an iterable of futures, not %s" % type(fs).__name__)
    loop = get_event_loop()
    todo = {ensure_future(f, loop=loop) for f in set(fs)}
    done = Queue()
    timeout_handle = None

    def on_timeout():
        for f in todo:
            f.remove_done_callback(on_completion)
            done.put_nowait(None)
        todo.clear()

    def on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, on_timeout)
    return [wait_for_one() for _ in range(len(todo))]


class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer
    children = []
    arg_to_fut = {}
    loop = None
    nfuts = 0
    nfinished = 0
    outer = None

    def done_callback(fut):
        nonlocal nfinished
        nfinished += 1
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if nfinished == nfuts:
            results = []
            for f in children:
                if f.cancelled():
                    res = CancelledError("" if f._cancel_message is None else f._cancel_message)
                else:
                    res = f.exception()
                    if res is None:
                        res = f.result()
                results.append(res)
            if outer._cancel_requested:
                outer.set_exception(fut._make_cancelled_error())
            else:
                outer.set_result(results)

    for arg in coros_or_futures:
        key = id(arg)
        if key not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut._loop
            arg_to_fut[key] = fut
            fut.add_done_callback(done_callback)
        else:
            fut = arg_to_fut[key]
        children.append(fut)
    nfuts = len(arg_to_fut)
    outer = _GatheringFuture(children, loop=loop)
    return outer


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner._loop
    outer = loop.create_future()

    def inner_done(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def outer_done(outer):
        if not inner.done():
            inner.remove_done_callback(inner_done)

    inner.add_done_callback(inner_done)
    outer.add_done_callback(outer_done)
    return outer


def wrap_future(future, *, loop=None):
    if isfuture(future):
        return future
    if loop is None:
        loop = get_event_loop()
    new_future = loop.create_future()

    def copy_state(source):
        if new_future.cancelled():
            return
        if source.cancelled():
            new_future.cancel()
            return
        exc = source.exception()
        if exc is not None:
            new_future.set_exception(exc)
        else:
            new_future.set_result(source.result())

    def call_check_cancel(destination):
        if destination.cancelled():
            future.cancel()

    def from_thread(source):
        if not loop.is_closed():
            loop.call_soon_threadsafe(copy_state, source)

    new_future.add_done_callback(call_check_cancel)
    future.add_done_callback(from_thread)
    return new_future


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    if kwargs:
        inner = func

        def func():
            return inner(*args, **kwargs)

        args = ()
    return await loop.run_in_executor(None, func, *args)


# ----- synchronization primitives --------------------------------------------------------------

class Lock:
    def __init__(self):
        self._waiters = None
        self._locked = False

    def __repr__(self):
        extra = "locked" if self._locked else "unlocked"
        if self._waiters:
            extra = "%s, waiters:%d" % (extra, len(self._waiters))
        return "<asyncio.locks.Lock object [%s]>" % extra

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and (self._waiters is None or all(w.cancelled() for w in self._waiters)):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = []
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError("Lock is not acquired.")

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = self._waiters[0]
        if not fut.done():
            fut.set_result(True)


class Event:
    def __init__(self):
        self._waiters = []
        self._value = False

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    async def wait(self):
        if not self.locked():
            raise RuntimeError("cannot wait on un-acquired lock")
        self.release()
        try:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            cancelled = False
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError:
                    cancelled = True
            if cancelled:
                raise CancelledError

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError("cannot notify on un-acquired lock")
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._waiters = None
        self._value = value

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in (self._waiters or ()))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        if self._waiters is None:
            self._waiters = []
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise
        if self._value > 0:
            self._wake_up_next()
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError("BoundedSemaphore released too many times")
        super().release()


# ----- timeouts --------------------------------------------------------------------------------
# asyncio.timeout(delay) / timeout_at(when) (3.11): at the deadline the task running the block is
# cancelled; leaving the block with that cancellation (and no other cancel request made meanwhile,
# counted by Task.cancelling/uncancel) turns it into TimeoutError.

class Timeout:
    def __init__(self, when):
        self._state = "created"
        self._handle = None
        self._task = None
        self._when = when

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._state == "created":
            raise RuntimeError("Timeout has not been entered")
        if self._state != "active":
            raise RuntimeError("Cannot change state of %s Timeout" % self._state)
        self._when = when
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if when is not None:
            loop = get_running_loop()
            if when <= loop.time():
                self._handle = loop.call_soon(self._on_timeout)
            else:
                self._handle = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in ("expiring", "expired")

    def __repr__(self):
        info = [self._state]
        if self._state == "active":
            info.append("when=%.3f" % self._when if self._when is not None else "when=None")
        return "<Timeout [%s]>" % " ".join(info)

    async def __aenter__(self):
        if self._state != "created":
            raise RuntimeError("Timeout has already been entered")
        task = current_task()
        if task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self._state = "active"
        self._task = task
        self._cancelling = task.cancelling()
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._state == "expiring":
            self._state = "expired"
            if self._task.uncancel() <= self._cancelling and exc_type is CancelledError:
                raise TimeoutError from exc_val
        elif self._state == "active":
            self._state = "finished"
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._state = "expiring"
        self._handle = None


class TaskGroup:
    # 3.11's structured concurrency: the first task to fail cancels its siblings and the
    # task that entered the group; leaving the `async with` waits for every task and raises
    # their errors together in an ExceptionGroup (KeyboardInterrupt/SystemExit alone).
    # The tasks are kept in a dict (insertion order) where CPython keeps a set: siblings are
    # cancelled in creation order, a deterministic choice among CPython's address orders.
    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent_task = None
        self._parent_cancel_requested = False
        self._tasks = {}
        self._errors = []
        self._base_error = None
        self._on_completed_fut = None

    def __repr__(self):
        info = [""]
        if self._tasks:
            info.append("tasks=%d" % len(self._tasks))
        if self._errors:
            info.append("errors=%d" % len(self._errors))
        if self._aborting:
            info.append("cancelling")
        elif self._entered:
            info.append("entered")
        return "<TaskGroup%s>" % " ".join(info)

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError("TaskGroup %r has already been entered" % (self,))
        self._entered = True
        if self._loop is None:
            self._loop = get_running_loop()
        self._parent_task = current_task(self._loop)
        if self._parent_task is None:
            raise RuntimeError("TaskGroup %r cannot determine the parent task" % (self,))
        return self

    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        if exc is not None and self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        propagate_cancellation_error = exc if et is CancelledError else None
        if self._parent_cancel_requested:
            if self._parent_task.uncancel() == 0:
                propagate_cancellation_error = None
        if et is not None:
            if not self._aborting:
                self._abort()
        while self._tasks:
            if self._on_completed_fut is None:
                self._on_completed_fut = self._loop.create_future()
            try:
                await self._on_completed_fut
            except CancelledError as ex:
                if not self._aborting:
                    propagate_cancellation_error = ex
                    self._abort()
            self._on_completed_fut = None
        if self._base_error is not None:
            raise self._base_error
        if propagate_cancellation_error and not self._errors:
            raise propagate_cancellation_error
        if et is not None and et is not CancelledError:
            self._errors.append(exc)
        if self._errors:
            try:
                me = BaseExceptionGroup("unhandled errors in a TaskGroup", self._errors)
                raise me from None
            finally:
                self._errors = None

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError("TaskGroup %r has not been entered" % (self,))
        if self._exiting and not self._tasks:
            raise RuntimeError("TaskGroup %r is finished" % (self,))
        if self._aborting:
            raise RuntimeError("TaskGroup %r is shutting down" % (self,))
        task = self._loop.create_task(coro, name=name, context=context)
        task.add_done_callback(self._on_task_done)
        self._tasks[task] = None
        return task

    def _is_base_error(self, exc):
        return isinstance(exc, (SystemExit, KeyboardInterrupt))

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._tasks.pop(task, None)
        if self._on_completed_fut is not None and not self._tasks:
            if not self._on_completed_fut.done():
                self._on_completed_fut.set_result(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        if self._parent_task.done():
            self._loop.call_exception_handler({
                "message": "Task %r has errored out but its parent task %s is already completed"
                           % (task, self._parent_task),
                "exception": exc,
                "task": task,
            })
            return
        if not self._aborting and not self._parent_cancel_requested:
            self._abort()
            self._parent_cancel_requested = True
            self._parent_task.cancel()


_FILLING, _DRAINING, _RESETTING, _BROKEN = "filling", "draining", "resetting", "broken"


class Barrier:
    # 3.11's asyncio.Barrier: `parties` tasks meet; the last to arrive releases the others
    # (draining), and the barrier fills again once all have left. reset/abort break waiters.
    def __init__(self, parties):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition()
        self._parties = parties
        self._state = _FILLING
        self._count = 0

    def __repr__(self):
        extra = self._state
        if not self.broken:
            extra += ", waiters:%d/%d" % (self.n_waiting, self.parties)
        return "<asyncio.locks.Barrier object at %s [%s]>" % (hex(id(self)), extra)

    async def __aenter__(self):
        return await self.wait()

    async def __aexit__(self, *args):
        pass

    async def wait(self):
        async with self._cond:
            await self._block()
            try:
                index = self._count
                self._count += 1
                if index + 1 == self._parties:
                    await self._release()
                else:
                    await self._wait()
                return index
            finally:
                self._count -= 1
                self._exit()

    async def _block(self):
        await self._cond.wait_for(lambda: self._state not in (_DRAINING, _RESETTING))
        if self._state == _BROKEN:
            raise BrokenBarrierError("Barrier aborted")

    async def _release(self):
        self._state = _DRAINING
        self._cond.notify_all()

    async def _wait(self):
        await self._cond.wait_for(lambda: self._state != _FILLING)
        if self._state in (_BROKEN, _RESETTING):
            raise BrokenBarrierError("Abort or reset of barrier")

    def _exit(self):
        if self._count == 0:
            if self._state in (_RESETTING, _DRAINING):
                self._state = _FILLING
            self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            if self._count > 0:
                if self._state != _RESETTING:
                    self._state = _RESETTING
            else:
                self._state = _FILLING
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._state = _BROKEN
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == _FILLING:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == _BROKEN


class Runner:
    # 3.11's asyncio.Runner: one event loop for several run() calls; closing it cancels
    # what is left, as asyncio.run does. (No SIGINT handler: concsim delivers
    # KeyboardInterrupt to the main thread as CPython does without one.)
    def __init__(self, *, debug=None, loop_factory=None):
        self._state = "created"
        self._loop_factory = loop_factory
        self._loop = None
        self._set_event_loop = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != "initialized":
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            if self._set_event_loop:
                set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = "closed"

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError("a coroutine was expected, got %r" % (coro,))
        if _get_running_loop() is not None:
            raise RuntimeError("Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        task = self._loop.create_task(coro, context=context)
        return self._loop.run_until_complete(task)  # cpython-line asyncio/runners.py:118

    def _lazy_init(self):
        if self._state == "closed":
            raise RuntimeError("Runner is closed")
        if self._state == "initialized":
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            if not self._set_event_loop:
                set_event_loop(self._loop)
                self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        self._state = "initialized"


def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


# ----- queues ----------------------------------------------------------------------------------

class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = []

    def _get(self):
        return self._queue.pop(0)

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return "<%s at 0x0 maxsize=%r>" % (type(self).__name__, self._maxsize)

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except:
                putter.cancel()
                try:
                    self._putters.remove(putter)
                except ValueError:
                    pass
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except:
                getter.cancel()
                try:
                    self._getters.remove(getter)
                except ValueError:
                    pass
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class PriorityQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heappush(self._queue, item)

    def _get(self):
        return _heappop(self._queue)


class LifoQueue(Queue):
    def _get(self):
        return self._queue.pop()
