# The rarer parts of asyncio, fetched on demand as asyncio's lazy attributes (LAZY in
# src/vm/import.rs; the page embeds asyncio.py): run_coroutine_threadsafe and the event loop
# policy.
# Invariant: only asyncio's public API is used here, so asyncio.py needs no change for them.

import asyncio
import concurrent.futures


def run_coroutine_threadsafe(coro, loop):
    # The coroutine runs as a task of `loop` (another thread's); the concurrent Future it
    # returns gets the task's outcome, and cancelling that Future cancels the task.
    if not asyncio.iscoroutine(coro):
        raise TypeError("A coroutine object is required")
    future = concurrent.futures.Future()

    def copy(task):
        if task.cancelled():
            future.cancel()
        if not future.set_running_or_notify_cancel():
            return
        exc = task.exception()
        if exc is not None:
            future.set_exception(exc)
        else:
            future.set_result(task.result())

    def start():
        try:
            task = asyncio.ensure_future(coro)
        except BaseException as exc:
            if future.set_running_or_notify_cancel():
                future.set_exception(exc)
            raise
        task.add_done_callback(copy)

        def check_cancel(f):
            if f.cancelled() and not loop.is_closed():
                loop.call_soon_threadsafe(task.cancel)

        future.add_done_callback(check_cancel)

    loop.call_soon_threadsafe(start)
    return future


class AbstractEventLoopPolicy:
    pass


class _UnixDefaultEventLoopPolicy(AbstractEventLoopPolicy):
    # The loop of this thread, as asyncio's functions of the same names keep it.
    def get_event_loop(self):
        return asyncio.get_event_loop()

    def set_event_loop(self, loop):
        asyncio.set_event_loop(loop)

    def new_event_loop(self):
        return asyncio.new_event_loop()


DefaultEventLoopPolicy = _UnixDefaultEventLoopPolicy
_policy = None


def get_event_loop_policy():
    global _policy
    if _policy is None:
        _policy = DefaultEventLoopPolicy()
    return _policy


def set_event_loop_policy(policy):
    global _policy
    if policy is not None and not isinstance(policy, AbstractEventLoopPolicy):
        raise TypeError("policy must be an instance of AbstractEventLoopPolicy or None, not '%s'"
                        % type(policy).__name__)
    _policy = policy
