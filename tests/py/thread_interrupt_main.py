# _thread.interrupt_main() runs the SIGINT handler in the main thread (KeyboardInterrupt by
# default, nothing when ignored); _thread.stack_size() (threading's too) keeps the size asked for.
import threading, _thread, time, signal
print(_thread.stack_size(), _thread.stack_size(65536), _thread.stack_size())
try:
    _thread.stack_size(100)
except ValueError as e:
    print('ValueError', e)
def w():
    time.sleep(0.05)
    _thread.interrupt_main()
threading.Thread(target=w, daemon=True).start()
try:
    while True:
        time.sleep(0.01)
except KeyboardInterrupt:
    print('Interrupted!')
signal.signal(signal.SIGINT, lambda s, f: print('handler', s))
_thread.interrupt_main()
time.sleep(0.01)
signal.signal(signal.SIGINT, signal.SIG_IGN)
_thread.interrupt_main()
time.sleep(0.01)
print(threading.stack_size(0), threading.stack_size())
print('end')
