# multiprocessing.synchronize: the synchronization primitives (`from multiprocessing import
# synchronize`, annotations such as `synchronize.Event`); they are multiprocessing's own.

from multiprocessing import Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier
