# concsim's concurrent.futures.process: CPython 3.11's ProcessPoolExecutor — worker processes
# of the simulated machine (forked, ForkProcess-N, all launched at the first submit() under the
# fork start method; one per submit() while none is idle under spawn/forkserver) reading
# _CallItems from a call queue of max_workers + 1 places, their _ResultItems coming back on a
# result queue, and an executor manager thread in the parent moving work between them.
# Where CPython's manager waits on the result pipe, its wakeup pipe and every worker's sentinel
# at once, concsim's waits on the result queue alone: a wakeup is a marker put on that queue,
# and a worker that died without a word is found by checking the workers while work is pending
# (every 50 ms of the machine's time) — then the pool is broken, as in CPython.
# Invariant: tasks and results cross processes only pickled (functions and classes by name); a
# future is in pending_work_items from submit() until its result, exception or cancel is set.

import os
import sys
import queue
import threading
import _concsim
import multiprocessing as mp
from concurrent.futures import _base

_threads_wakeups = {}
_global_shutdown = False

_WAKEUP = "#WAKEUP"
_POLL_S = 0.05


class _ThreadWakeup:
    def __init__(self, result_queue):
        self._closed = False
        self._queue = result_queue

    def close(self):
        self._closed = True

    def wakeup(self):
        if not self._closed:
            self._queue.put(_WAKEUP)

    def clear(self):
        pass


def _python_exit():
    global _global_shutdown
    _global_shutdown = True
    items = list(_threads_wakeups.items())
    for _, thread_wakeup in items:
        thread_wakeup.wakeup()
    for t, _ in items:
        t.join()


threading._register_atexit(_python_exit)

EXTRA_QUEUED_CALLS = 1


class _RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


def _rebuild_exc(exc, tb):
    exc.__cause__ = _RemoteTraceback(tb)
    return exc


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs


class _ResultItem:
    # CPython pickles the exception with an _ExceptionWithTraceback whose __reduce__ rebuilds
    # it with its remote traceback as __cause__; concsim sends the traceback's text beside it.
    def __init__(self, work_id, exception=None, result=None, exit_pid=None, tb=None):
        self.work_id = work_id
        self.exception = exception
        self.result = result
        self.exit_pid = exit_pid
        self.tb = tb


class _CallItem:
    def __init__(self, work_id, fn, args, kwargs):
        self.work_id = work_id
        self.fn = fn
        self.args = args
        self.kwargs = kwargs


def _process_chunk(fn, chunk):
    return [fn(*args) for args in chunk]  # cpython-line 210


def _sendback_result(result_queue, work_id, result=None, exception=None, exit_pid=None, tb=None):
    try:
        result_queue.put(_ResultItem(work_id, result=result, exception=exception, exit_pid=exit_pid, tb=tb))
    except BaseException as e:
        result_queue.put(_ResultItem(work_id, exception=e, exit_pid=exit_pid, tb='\n"""\n%s"""' % _concsim.format_exception(e)))


def _process_worker(call_queue, result_queue, initializer, initargs, max_tasks=None):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _base.LOGGER.critical("Exception in initializer:", exc_info=True)
            return
    num_tasks = 0
    exit_pid = None
    while True:
        call_item = call_queue.get(block=True)
        if call_item is None:
            result_queue.put(os.getpid())
            return
        if max_tasks is not None:
            num_tasks += 1
            if num_tasks >= max_tasks:
                exit_pid = os.getpid()
        try:
            r = call_item.fn(*call_item.args, **call_item.kwargs)  # cpython-line 261
        except BaseException as e:
            tb = '\n"""\n%s"""' % _concsim.format_exception(e)
            _sendback_result(result_queue, call_item.work_id, exception=e, exit_pid=exit_pid, tb=tb)
        else:
            _sendback_result(result_queue, call_item.work_id, result=r, exit_pid=exit_pid)
            del r
        del call_item
        if exit_pid is not None:
            return


class _ExecutorManagerThread(threading.Thread):
    def __init__(self, executor):
        self.executor = executor
        self.thread_wakeup = executor._executor_manager_thread_wakeup
        self.shutdown_lock = executor._shutdown_lock
        self.processes = executor._processes
        self.call_queue = executor._call_queue
        self.result_queue = executor._result_queue
        self.work_ids_queue = executor._work_ids
        self.max_tasks_per_child = executor._max_tasks_per_child
        self.pending_work_items = executor._pending_work_items
        threading.Thread.__init__(self)

    def run(self):
        while True:
            self.add_call_item_to_queue()
            result_item, is_broken, cause = self.wait_result_broken_or_wakeup()
            if is_broken:
                self.terminate_broken(cause)
                return
            if result_item is not None:
                self.process_result_item(result_item)
                process_exited = not isinstance(result_item, int) and result_item.exit_pid is not None
                if process_exited:
                    p = self.processes.pop(result_item.exit_pid)
                    p.join()
                executor = self.executor
                if executor is not None:
                    if process_exited:
                        with self.shutdown_lock:
                            executor._adjust_process_count()
                    elif not isinstance(result_item, int):
                        executor._idle_worker_semaphore.release()
                del result_item
            if self.is_shutting_down():
                self.flag_executor_shutting_down()
                self.add_call_item_to_queue()
                if not self.pending_work_items:
                    self.join_executor_internals()
                    return

    def add_call_item_to_queue(self):
        while True:
            if self.call_queue.full():
                return
            try:
                work_id = self.work_ids_queue.get(block=False)
            except queue.Empty:
                return
            else:
                work_item = self.pending_work_items[work_id]
                if work_item.future.set_running_or_notify_cancel():
                    self.call_queue.put(_CallItem(work_id, work_item.fn, work_item.args, work_item.kwargs), block=True)
                else:
                    del self.pending_work_items[work_id]
                    continue

    def _dead_worker(self):
        # A worker that ended without sending anything: it always puts its last word (a
        # result, or its pid when told to stop) on the result queue before it ends.
        if _concsim.chan_size(self.result_queue._id) > 0:
            return False
        for p in list(self.processes.values()):
            if p.exitcode is not None:
                return True
        return False

    def wait_result_broken_or_wakeup(self):
        rid = self.result_queue._id
        while True:
            timeout = _POLL_S if self.pending_work_items else None
            ok, item = _concsim.chan_get(rid, True, timeout)
            if ok and item != _WAKEUP:
                return item, False, None
            if self._dead_worker():
                return None, True, None
            if ok:
                return None, False, None

    def process_result_item(self, result_item):
        if isinstance(result_item, int):
            p = self.processes.pop(result_item)
            p.join()
            if not self.processes:
                self.join_executor_internals()
                return
        else:
            work_item = self.pending_work_items.pop(result_item.work_id, None)
            if work_item is not None:
                if result_item.exception:
                    exc = result_item.exception
                    if result_item.tb is not None:
                        exc = _rebuild_exc(exc, result_item.tb)
                    work_item.future.set_exception(exc)
                else:
                    work_item.future.set_result(result_item.result)

    def is_shutting_down(self):
        executor = self.executor
        return _global_shutdown or executor is None or executor._shutdown_thread

    def terminate_broken(self, cause):
        executor = self.executor
        if executor is not None:
            executor._broken = "A child process terminated abruptly, the process pool is not usable anymore"
            executor._shutdown_thread = True
            executor = None
        bpe = BrokenProcessPool("A process in the process pool was terminated abruptly while the future was running or pending.")
        if cause is not None:
            bpe.__cause__ = _RemoteTraceback("\n'''\n%s'''" % "".join(cause))
        for work_id, work_item in self.pending_work_items.items():
            work_item.future.set_exception(bpe)
            del work_item
        self.pending_work_items.clear()
        for p in self.processes.values():
            p.terminate()
        self.join_executor_internals()

    def flag_executor_shutting_down(self):
        executor = self.executor
        if executor is not None:
            executor._shutdown_thread = True
            if executor._cancel_pending_futures:
                new_pending_work_items = {}
                for work_id, work_item in self.pending_work_items.items():
                    if not work_item.future.cancel():
                        new_pending_work_items[work_id] = work_item
                self.pending_work_items = new_pending_work_items
                while True:
                    try:
                        self.work_ids_queue.get_nowait()
                    except queue.Empty:
                        break
                executor._cancel_pending_futures = False

    def shutdown_workers(self):
        n_children_to_stop = self.get_n_children_alive()
        n_sentinels_sent = 0
        while n_sentinels_sent < n_children_to_stop and self.get_n_children_alive() > 0:
            for i in range(n_children_to_stop - n_sentinels_sent):
                try:
                    self.call_queue.put_nowait(None)
                    n_sentinels_sent += 1
                except queue.Full:
                    break

    def join_executor_internals(self):
        self.shutdown_workers()
        with self.shutdown_lock:
            self.thread_wakeup.close()
        for p in self.processes.values():
            p.join()

    def get_n_children_alive(self):
        n = 0
        for p in self.processes.values():
            if p.is_alive():
                n += 1
        return n


class BrokenProcessPool(_base.BrokenExecutor):
    pass


def _chain_from_iterable_of_lists(iterable):
    # The items of each chunk's result list in turn, as a generator (map's result in CPython).
    for element in iterable:  # cpython-line 620
        element.reverse()
        while element:
            yield element.pop()


class ProcessPoolExecutor(_base.Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *, max_tasks_per_child=None):
        if max_workers is None:
            self._max_workers = os.cpu_count() or 1
        else:
            if max_workers <= 0:
                raise ValueError("max_workers must be greater than 0")
            self._max_workers = max_workers
        if mp_context is None:
            if max_tasks_per_child is not None:
                mp_context = mp.get_context("spawn")
            else:
                mp_context = mp.get_context()
        self._mp_context = mp_context
        self._safe_to_dynamically_spawn_children = self._mp_context.get_start_method(allow_none=False) != "fork"
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._initializer = initializer
        self._initargs = initargs
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            elif max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
            if self._mp_context.get_start_method(allow_none=False) == "fork":
                raise ValueError("max_tasks_per_child is incompatible with the 'fork' multiprocessing start method; supply a different mp_context.")
        self._max_tasks_per_child = max_tasks_per_child
        self._executor_manager_thread = None
        self._processes = {}
        self._shutdown_thread = False
        self._shutdown_lock = threading.Lock()
        self._idle_worker_semaphore = threading.Semaphore(0)
        self._broken = False
        self._queue_count = 0
        self._pending_work_items = {}
        self._cancel_pending_futures = False
        queue_size = self._max_workers + EXTRA_QUEUED_CALLS
        self._call_queue = mp_context.Queue(queue_size)
        self._result_queue = mp_context.SimpleQueue()
        self._executor_manager_thread_wakeup = _ThreadWakeup(self._result_queue)
        self._work_ids = queue.Queue()

    def _start_executor_manager_thread(self):
        if self._executor_manager_thread is None:
            if not self._safe_to_dynamically_spawn_children:
                self._launch_processes()
            self._executor_manager_thread = _ExecutorManagerThread(self)
            self._executor_manager_thread.start()
            _threads_wakeups[self._executor_manager_thread] = self._executor_manager_thread_wakeup

    def _adjust_process_count(self):
        if self._idle_worker_semaphore.acquire(blocking=False):
            return
        process_count = len(self._processes)
        if process_count < self._max_workers:
            self._spawn_process()

    def _launch_processes(self):
        assert not self._executor_manager_thread, "Processes cannot be fork()ed after the thread has started, deadlock in the child processes could result."
        for _ in range(len(self._processes), self._max_workers):
            self._spawn_process()

    def _spawn_process(self):
        p = self._mp_context.Process(
            target=_process_worker,
            args=(self._call_queue, self._result_queue, self._initializer, self._initargs, self._max_tasks_per_child))
        p.start()
        self._processes[p.pid] = p

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._shutdown_thread:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if _global_shutdown:
                raise RuntimeError("cannot schedule new futures after interpreter shutdown")
            f = _base.Future()
            w = _WorkItem(f, fn, args, kwargs)
            self._pending_work_items[self._queue_count] = w
            self._work_ids.put(self._queue_count)
            self._queue_count += 1
            self._executor_manager_thread_wakeup.wakeup()
            if self._safe_to_dynamically_spawn_children:
                self._adjust_process_count()
            self._start_executor_manager_thread()
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        items = list(zip(*iterables))
        chunks = [tuple(items[i:i + chunksize]) for i in range(0, len(items), chunksize)]
        # Each chunk is submitted as `_process_chunk(fn, chunk)`.
        results = super().map(_process_chunk, [fn] * len(chunks), chunks, timeout=timeout)
        return _chain_from_iterable_of_lists(results)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._cancel_pending_futures = cancel_futures
            self._shutdown_thread = True
            if self._executor_manager_thread_wakeup is not None:
                self._executor_manager_thread_wakeup.wakeup()
        if self._executor_manager_thread is not None and wait:
            self._executor_manager_thread.join()
        self._executor_manager_thread = None
        self._call_queue = None
        self._result_queue = None
        self._processes = None
        self._executor_manager_thread_wakeup = None
