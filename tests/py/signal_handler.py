# signal.signal/getsignal, handlers run in the main thread right after os.kill and
# raise_signal to this process, SIG_IGN, the errors CPython gives, the enums.
import signal, os, time

def handler(signum, frame):
    print("handler got", signum, signal.Signals(signum).name)

old = signal.signal(signal.SIGUSR1, handler)
print("old:", old, repr(old))
print(signal.getsignal(signal.SIGUSR1) is handler)
print(repr(signal.default_int_handler), repr(signal.SIG_IGN), signal.getsignal(signal.SIGPIPE))
os.kill(os.getpid(), signal.SIGUSR1)
print("after kill")
signal.raise_signal(signal.SIGUSR1)
print("after raise")
print(signal.strsignal(signal.SIGTERM), repr(signal.Signals(15)), signal.Signals.SIGINT.value)
print(signal.SIGTERM, signal.NSIG, len(signal.valid_signals()))
try:
    signal.signal(signal.SIGKILL, handler)
except OSError as e:
    print("OSError", e)
try:
    signal.signal(100, handler)
except ValueError as e:
    print("ValueError", e)
try:
    signal.signal(signal.SIGUSR2, 5)
except TypeError as e:
    print("TypeError", e)
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGUSR1)
print("ignored")
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL))
