# A signal handler's second argument is the frame the signal interrupted.
import os
import signal
import time


def handler(signum, frame):
    print("handler", signum, type(frame).__name__, frame.f_code.co_name, frame.f_lineno)


signal.signal(signal.SIGUSR1, handler)


def work():
    os.kill(os.getpid(), signal.SIGUSR1)
    time.sleep(0.01)


work()
signal.signal(signal.SIGALRM, handler)
signal.setitimer(signal.ITIMER_REAL, 0.05)
time.sleep(0.2)
print("done")
