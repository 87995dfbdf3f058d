# concsim's multiprocessing.context: the names CPython defines there (contexts, the Process
# classes of each start method, the exceptions), which concsim's multiprocessing module
# defines with __module__ = "multiprocessing.context"; this module makes them findable
# under that name (a process object pickled for a spawned child names its class so).
# Invariant: every name here is the multiprocessing module's own object.

from multiprocessing import (
    BaseContext,
    DefaultContext,
    ForkContext,
    SpawnContext,
    ForkServerContext,
    Process,
    ForkProcess,
    SpawnProcess,
    ForkServerProcess,
    ProcessError,
    BufferTooShort,
    TimeoutError,
    AuthenticationError,
)
from multiprocessing import _default_context, _concrete_contexts
