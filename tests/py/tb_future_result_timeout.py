# Future.result(timeout=...) on a future still running.
import concurrent.futures
import time

with concurrent.futures.ThreadPoolExecutor() as ex:
    f = ex.submit(time.sleep, 0.2)
    f.result(timeout=0.05)
