# An exception raised by a signal handler propagates from the interrupted call, with the
# handler's frame in the traceback.
import signal, time

def raiser(signum, frame):
    raise RuntimeError("handler for %d" % signum)

signal.signal(signal.SIGALRM, raiser)
signal.setitimer(signal.ITIMER_REAL, 0.2)
print("sleeping")
time.sleep(5)
print("not reached")
