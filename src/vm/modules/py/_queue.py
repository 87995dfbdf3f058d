# concsim's _queue: what CPython's C module _queue gives queue.py, the exception Empty (so it
# prints, and pickles, as _queue.Empty). Invariant: queue.Empty is this module's Empty.


class Empty(Exception):
    "Exception raised by Queue.get(block=0)/get_nowait()."
    pass
