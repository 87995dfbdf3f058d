# os.sched_getaffinity(0): the cores this process may run on (all of os.cpu_count()'s).
import os

cores = os.sched_getaffinity(0)
print(type(cores).__name__, cores == set(range(os.cpu_count())), len(cores) == os.cpu_count())
print(os.sched_getaffinity(os.getpid()) == cores)
for args in [(), (0, 1), ("x",), (1.5,)]:
    try:
        os.sched_getaffinity(*args)
    except TypeError as e:
        print(e)
