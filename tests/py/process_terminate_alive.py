# terminate() sends SIGTERM: the child is still alive right after (its death has not landed),
# join() waits for it, and its exit code is -15; kill() likewise gives -9.
import multiprocessing
import time


def sleeper():
    time.sleep(10)


if __name__ == "__main__":
    for stop in ("terminate", "kill"):
        p = multiprocessing.Process(target=sleeper)
        p.start()
        time.sleep(0.1)
        print("BEFORE:", p.is_alive(), p.exitcode)
        getattr(p, stop)()
        print("DURING:", p.is_alive(), p.exitcode)
        p.join()
        print("JOINED:", p.is_alive(), p.exitcode)
        print(repr(p).split(" ", 2)[1], str(p).endswith("exitcode=-SIG%s>" % ("TERM" if stop == "terminate" else "KILL")))
