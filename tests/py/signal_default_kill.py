# SIGALRM's default action ends the process: exit status 128 + 14.
import signal, time
print(signal.getsignal(signal.SIGALRM))
signal.alarm(1)
print("waiting for the alarm")
time.sleep(5)
print("not reached")
