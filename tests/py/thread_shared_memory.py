# threads share the process's memory
import threading

data = []
config = {'value': 0}

def writer(n):
    data.append(n)
    config['value'] += n

for i in range(1, 4):
    t = threading.Thread(target=writer, args=(i,))
    t.start()
    t.join()
print(data, config)

flag = False
def set_flag():
    global flag
    flag = True
t = threading.Thread(target=set_flag)
t.start()
t.join()
print('flag set by thread:', flag)
