# alarm interrupts a sleep: the handler runs, then the sleep goes on for the time it had left
# (PEP 475); alarm returns the seconds left of the previous alarm; setitimer + pause.
import signal, time

def on_alarm(signum, frame):
    print("alarm!", signum)

signal.signal(signal.SIGALRM, on_alarm)
print(signal.alarm(1))
t0 = time.time()
time.sleep(3)
print("slept", round(time.time() - t0))
print(signal.alarm(5))
print(signal.alarm(0))
signal.setitimer(signal.ITIMER_REAL, 0.5)
signal.pause()
print("paused done")
print(signal.getitimer(signal.ITIMER_REAL))

class Boom(Exception):
    pass

def raiser(signum, frame):
    raise Boom("from handler %d" % signum)

signal.signal(signal.SIGALRM, raiser)
signal.alarm(1)
try:
    time.sleep(10)
except Boom as e:
    print("caught", e)
# Periodic timer: three ticks, then disarmed.
ticks = []
def tick(signum, frame):
    ticks.append(signum)
    if len(ticks) == 3:
        signal.setitimer(signal.ITIMER_REAL, 0)
signal.signal(signal.SIGALRM, tick)
signal.setitimer(signal.ITIMER_REAL, 0.2, 0.2)
while len(ticks) < 3:
    signal.pause()
print("ticks", ticks)
