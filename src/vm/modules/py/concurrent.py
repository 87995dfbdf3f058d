# concsim's `concurrent` package: empty, as CPython's; its one subpackage is
# concurrent.futures (futures_init.py).
