# Future.result() re-raises the worker's exception: CPython's frames of concurrent.futures
# (_base.py's result and __get_result, thread.py's _WorkItem.run) are in the traceback.
from concurrent.futures import ThreadPoolExecutor


def f(x):
    return {}[x]


with ThreadPoolExecutor(max_workers=1) as ex:
    fut = ex.submit(f, "key")
    fut.result()
