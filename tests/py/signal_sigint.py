# SIGINT's startup handler, default_int_handler, raises KeyboardInterrupt in the main thread,
# also while it waits in join; uncaught, it is printed and the process dies by SIGINT (130).
import os, signal, threading, time
# (python3 started in the background inherits SIGINT ignored: install the handler explicitly)
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    os.kill(os.getpid(), signal.SIGINT)
except KeyboardInterrupt:
    print("caught KeyboardInterrupt")

def interrupter():
    time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGINT)

t = threading.Thread(target=interrupter)
t.start()
try:
    t.join()
except KeyboardInterrupt:
    print("join interrupted")
t.join()
print("joined")
threading.Thread(target=interrupter).start()
time.sleep(1)
print("not reached")
