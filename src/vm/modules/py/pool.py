# concsim's multiprocessing.pool: CPython 3.11's Pool with the same moving parts — worker
# processes named ForkPoolWorker-N (SpawnPoolWorker-N under spawn) reading a task queue, and three handler threads in the
# parent (workers, tasks, results) — on the simulator's queues.
# Invariant: a task and its result cross processes only through the queues (pickled), and
# every ApplyResult is in the pool's cache from submission until its result is set.
#
# Contract with the views (`sim::view::pools`, Rust, reads this heap without running Python;
# renaming one of these breaks the page's pool panel, not a test of this file):
# - the function `_handle_workers` and its local `pool` (how a pool is found, besides a
#   `__main__` global bound to a `Pool` instance — the class must stay named `Pool`);
# - the function `worker` and its locals `func`, `args` (what a worker process is doing);
# - `Pool._state`, `Pool._pool` (the worker processes, see multiprocessing.py's `_pid`,
#   `_name`), `Pool._processes`, `Pool._taskqueue._queue` (queue.py's SimpleQueue),
#   `Pool._cache._jobs`, `Pool._inqueue._id` and `Pool._outqueue._id` (kernel channels).

import os
import threading
import queue
import _concsim as _thread
import multiprocessing as _mp
import _concsim_iter

__all__ = ["Pool", "ThreadPool"]

INIT = "INIT"
RUN = "RUN"
CLOSE = "CLOSE"
TERMINATE = "TERMINATE"

_job_counter = 0


def _next_job():
    global _job_counter
    _job_counter += 1
    return _job_counter - 1


def mapstar(args, list=_concsim_iter.list_of, map=_concsim_iter.map_of):
    # CPython's line, over the Python list and map of _concsim_iter (a callback from a
    # builtin may not block in concsim, and a mapped function may well sleep or wait), whose
    # frames tracebacks hide.
    return list(map(*args))  # cpython-line 48


def starmapstar(args):
    return [args[0](*a) for a in args[1]]


class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super(MaybeEncodingError, self).__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return "<%s: %s>" % (self.__class__.__name__, self)


def worker(inqueue, outqueue, initializer=None, initargs=(), maxtasks=None):
    put = outqueue.put
    get = inqueue.get
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or (maxtasks and completed < maxtasks):
        try:
            task = get()
        except (EOFError, OSError):
            break
        if task is None:
            break
        job, i, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))  # cpython-line 125
        except Exception as e:
            result = (False, e, _thread.format_exception(e))
        try:
            put((job, i, result))
        except Exception as e:
            wrapped = MaybeEncodingError(e, result[1])
            put((job, i, (False, wrapped)))
        task = job = result = func = args = kwds = None
        completed += 1


class _PoolCache:
    # CPython's _PoolCache: the worker handler is told when the last pending job is done.
    def __init__(self, notifier):
        self._jobs = {}
        self.notifier = notifier

    def add(self, job, result):
        self._jobs[job] = result

    def get(self, job):
        return self._jobs.get(job)

    def remove(self, job):
        del self._jobs[job]
        if not self._jobs:
            self.notifier.put(None)

    def __len__(self):
        return len(self._jobs)


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        self._pool = []
        self._state = INIT
        self._ctx = context or _mp.get_context()
        self._taskqueue = queue.SimpleQueue()
        self._change_notifier = self._ctx.SimpleQueue()
        self._cache = _PoolCache(self._change_notifier)
        self._maxtasksperchild = maxtasksperchild
        self._initializer = initializer
        self._initargs = initargs
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._inqueue = self._ctx.SimpleQueue()
        self._outqueue = self._ctx.SimpleQueue()
        self._repopulate_pool()

        self._worker_handler = threading.Thread(target=Pool._handle_workers, args=(self,))
        self._worker_handler.daemon = True
        self._worker_handler._state = RUN
        self._worker_handler.start()

        self._task_handler = threading.Thread(
            target=Pool._handle_tasks, args=(self._taskqueue, self._inqueue.put, self._outqueue, self._pool, self._cache)
        )
        self._task_handler.daemon = True
        self._task_handler._state = RUN
        self._task_handler.start()

        self._result_handler = threading.Thread(target=Pool._handle_results, args=(self._outqueue, self._outqueue.get, self._cache))
        self._result_handler.daemon = True
        self._result_handler._state = RUN
        self._result_handler.start()
        self._state = RUN

    def __repr__(self):
        return "<%s.%s state=%s pool_size=%d>" % (type(self).__module__, type(self).__qualname__, self._state, len(self._pool))

    def _repopulate_pool(self):
        for i in range(self._processes - len(self._pool)):
            w = self._ctx.Process(
                target=worker, args=(self._inqueue, self._outqueue, self._initializer, self._initargs, self._maxtasksperchild)
            )
            w.name = w.name.replace("Process", "PoolWorker")
            w.daemon = True
            w.start()
            self._pool.append(w)

    def _maintain_pool(self):
        cleaned = False
        for i in reversed(range(len(self._pool))):
            w = self._pool[i]
            if w.exitcode is not None:
                w.join()
                cleaned = True
                del self._pool[i]
        if cleaned and self._state == RUN:
            self._repopulate_pool()

    @staticmethod
    def _handle_workers(pool):
        thread = threading.current_thread()
        # Workers only leave by themselves with maxtasksperchild: then poll for them;
        # otherwise sleep until close() or terminate() notifies.
        timeout = 0.1 if pool._maxtasksperchild else None
        while thread._state == RUN or (pool._cache and thread._state != TERMINATE):
            pool._maintain_pool()
            _thread.chan_get(pool._change_notifier._id, True, timeout)
        pool._taskqueue.put(None)

    @staticmethod
    def _handle_tasks(taskqueue, put, outqueue, pool, cache):
        thread = threading.current_thread()
        while True:
            item = taskqueue.get()
            if item is None:
                break
            taskseq, set_length = item
            task = None
            idx = -1
            stopped = False
            for task in taskseq:
                if thread._state != RUN:
                    stopped = True
                    break
                try:
                    put(task)
                except Exception as e:
                    job, idx = task[:2]
                    r = cache.get(job)
                    if r is not None:
                        r._set(idx, (False, e))
                idx = task[1]
            if stopped:
                break
            if set_length:
                set_length(idx + 1)
            task = taskseq = None
        try:
            outqueue.put(None)
            for p in pool:
                put(None)
        except OSError:
            pass

    @staticmethod
    def _handle_results(outqueue, get, cache):
        thread = threading.current_thread()
        while True:
            task = get()
            if thread._state != RUN:
                break
            if task is None:
                break
            Pool._deliver(task, cache)
        while cache and thread._state != TERMINATE:
            task = get()
            if task is None:
                continue
            Pool._deliver(task, cache)

    @staticmethod
    def _deliver(task, cache):
        job, i, obj = task
        if len(obj) == 3:
            exc = obj[1]
            exc.__cause__ = RemoteTraceback('\n"""\n' + obj[2] + '"""')
            obj = (False, exc)
        r = cache.get(job)
        if r is not None:
            r._set(i, obj)

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()  # cpython-line 360

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._taskqueue.put(([(result._job, 0, func, args, kwds)], None))
        return result

    def _chunks(self, iterable, chunksize):
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(items) == 0:
            chunksize = 0
        chunks = []
        if chunksize:
            for i in range(0, len(items), chunksize):
                chunks.append(tuple(items[i:i + chunksize]))
        return items, chunksize, chunks

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        items, chunksize, chunks = self._chunks(iterable, chunksize)
        result = MapResult(self, chunksize, len(items), callback, error_callback=error_callback)
        tasks = [(result._job, i, mapper, ((func, c),), {}) for i, c in enumerate(chunks)]
        self._taskqueue.put((tasks, None))
        return result

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, mapstar, chunksize).get()  # cpython-line 367

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def imap(self, func, iterable, chunksize=1):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        items = list(iterable)
        if chunksize == 1:
            result = IMapIterator(self)
            tasks = [(result._job, i, func, (x,), {}) for i, x in enumerate(items)]
            self._taskqueue.put((tasks, result._set_length))
            return result
        result = IMapIterator(self)
        chunks = [tuple(items[i:i + chunksize]) for i in range(0, len(items), chunksize)]
        tasks = [(result._job, i, mapstar, ((func, c),), {}) for i, c in enumerate(chunks)]
        self._taskqueue.put((tasks, result._set_length))
        return _flatten(result)

    def imap_unordered(self, func, iterable, chunksize=1):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0!r}".format(chunksize))
        items = list(iterable)
        result = IMapUnorderedIterator(self)
        if chunksize == 1:
            tasks = [(result._job, i, func, (x,), {}) for i, x in enumerate(items)]
            self._taskqueue.put((tasks, result._set_length))
            return result
        chunks = [tuple(items[i:i + chunksize]) for i in range(0, len(items), chunksize)]
        tasks = [(result._job, i, mapstar, ((func, c),), {}) for i, c in enumerate(chunks)]
        self._taskqueue.put((tasks, result._set_length))
        return _flatten(result)

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            self._worker_handler._state = CLOSE
            self._change_notifier.put(None)

    def terminate(self):
        self._state = TERMINATE
        self._worker_handler._state = TERMINATE
        self._change_notifier.put(None)
        self._task_handler._state = TERMINATE
        self._result_handler._state = TERMINATE
        self._outqueue.put(None)
        self._worker_handler.join()
        for p in self._pool:
            if p.exitcode is None:
                p.terminate()
        self._task_handler.join()
        self._result_handler.join()
        for p in self._pool:
            p.join()

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        elif self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        self._worker_handler.join()
        self._task_handler.join()
        self._result_handler.join()
        for p in self._pool:
            p.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = _next_job()
        self._cache = pool._cache
        self._callback = callback
        self._error_callback = error_callback
        self._cache.add(self._job, self)

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise _mp.TimeoutError
        if self._success:
            return self._value
        else:
            raise self._value  # cpython-line 774

    def _set(self, i, obj):
        self._success, self._value = obj
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        self._cache.remove(self._job)
        self._pool = None


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback=error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._event.set()
            self._cache.remove(self._job)
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        self._number_left -= 1
        success, result = success_result
        if success and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
            if self._number_left == 0:
                if self._callback:
                    self._callback(self._value)
                self._cache.remove(self._job)
                self._event.set()
                self._pool = None
        else:
            if not success and self._success:
                self._success = False
                self._value = result
            if self._number_left == 0:
                if self._error_callback:
                    self._error_callback(self._value)
                self._cache.remove(self._job)
                self._event.set()
                self._pool = None


class IMapIterator:
    def __init__(self, pool):
        self._pool = pool
        self._cond = threading.Condition(threading.Lock())
        self._job = _next_job()
        self._cache = pool._cache
        self._items = []
        self._head = 0
        self._index = 0
        self._length = None
        self._unsorted = {}
        self._cache.add(self._job, self)

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            if self._head < len(self._items):
                item = self._pop()
            else:
                if self._index == self._length:
                    self._pool = None
                    raise StopIteration
                self._cond.wait(timeout)
                if self._head < len(self._items):
                    item = self._pop()
                else:
                    if self._index == self._length:
                        self._pool = None
                        raise StopIteration
                    raise _mp.TimeoutError
        success, value = item
        if success:
            return value
        raise value  # cpython-line 873

    __next__ = next

    def _pop(self):
        # The results not taken yet are _items[_head:]; the front is dropped in bulk, so
        # taking N results costs O(N), not N moves each.
        item = self._items[self._head]
        self._head += 1
        if self._head >= 1024 and self._head * 2 >= len(self._items):
            del self._items[:self._head]
            self._head = 0
        return item

    def _set(self, i, obj):
        with self._cond:
            if self._index == i:
                self._items.append(obj)
                self._index += 1
                while self._index in self._unsorted:
                    obj = self._unsorted.pop(self._index)
                    self._items.append(obj)
                    self._index += 1
                self._cond.notify()
            else:
                self._unsorted[i] = obj
            if self._index == self._length:
                self._cache.remove(self._job)
                self._pool = None

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._index == self._length:
                self._cond.notify()
                self._cache.remove(self._job)
                self._pool = None


class IMapUnorderedIterator(IMapIterator):
    def _set(self, i, obj):
        with self._cond:
            self._items.append(obj)
            self._index += 1
            self._cond.notify()
            if self._index == self._length:
                self._cache.remove(self._job)
                self._pool = None


class _flatten:
    # imap with chunksize > 1 yields the items of each chunk in turn (by index: popping the
    # front of a chunk of N items would cost N moves per item).
    def __init__(self, chunks):
        self._chunks = chunks
        self._current = []
        self._pos = 0

    def __iter__(self):
        return self

    def __next__(self):
        while self._pos >= len(self._current):
            self._current = list(next(self._chunks))
            self._pos = 0
        item = self._current[self._pos]
        self._pos += 1
        return item

    next = __next__
