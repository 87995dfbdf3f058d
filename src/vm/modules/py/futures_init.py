# concsim's concurrent.futures package: CPython 3.11's public names, from its three modules
# (_base: Future, wait, as_completed; thread: ThreadPoolExecutor; process:
# ProcessPoolExecutor). CPython imports the two executors lazily through a module
# __getattr__; concsim imports them at once (the package's names are the same).
# Invariant: every name is the object of the submodule that defines it.

from concurrent.futures._base import (
    FIRST_COMPLETED,
    FIRST_EXCEPTION,
    ALL_COMPLETED,
    CancelledError,
    TimeoutError,
    InvalidStateError,
    BrokenExecutor,
    Future,
    Executor,
    wait,
    as_completed,
)
from concurrent.futures.thread import ThreadPoolExecutor
from concurrent.futures.process import ProcessPoolExecutor

__all__ = (
    "FIRST_COMPLETED",
    "FIRST_EXCEPTION",
    "ALL_COMPLETED",
    "CancelledError",
    "TimeoutError",
    "BrokenExecutor",
    "Future",
    "Executor",
    "wait",
    "as_completed",
    "ProcessPoolExecutor",
    "ThreadPoolExecutor",
)
