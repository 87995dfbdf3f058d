# A timer signal interrupts a sleep: the handler runs, then the sleep goes on for the time it
# had left (PEP 475); alarm returns the seconds left of the previous alarm; setitimer + pause;
# a periodic timer.
import signal, time

def on_alarm(signum, frame):
    print("alarm!", signum)

signal.signal(signal.SIGALRM, on_alarm)
print(signal.alarm(5))
print(signal.alarm(3))
print(signal.alarm(0))
signal.setitimer(signal.ITIMER_REAL, 0.1)
t0 = time.time()
time.sleep(0.4)
print("slept 0.4:", round(time.time() - t0, 1))
signal.setitimer(signal.ITIMER_REAL, 0.2)
signal.pause()
print("paused done")
print(signal.getitimer(signal.ITIMER_REAL))

class Boom(Exception):
    pass

def raiser(signum, frame):
    raise Boom("from handler %d" % signum)

signal.signal(signal.SIGALRM, raiser)
signal.setitimer(signal.ITIMER_REAL, 0.1)
try:
    time.sleep(10)
except Boom as e:
    print("caught", e)
ticks = []
def tick(signum, frame):
    ticks.append(signum)
    if len(ticks) == 3:
        signal.setitimer(signal.ITIMER_REAL, 0)
signal.signal(signal.SIGALRM, tick)
signal.setitimer(signal.ITIMER_REAL, 0.1, 0.1)
while len(ticks) < 3:
    signal.pause()
print("ticks", ticks)
