# threading.local: each thread sees its own attributes
import threading

local_school = threading.local()

def process_student():
    std = local_school.student
    print('Hello, %s (in %s)' % (std, threading.current_thread().name))

def process_thread(name):
    local_school.student = name
    process_student()

for name, tname in [('Alice', 'Thread-A'), ('Bob', 'Thread-B')]:
    t = threading.Thread(target=process_thread, args=(name,), name=tname)
    t.start()
    t.join()

print(hasattr(local_school, 'student'))
local_school.student = 'Main'
t = threading.Thread(target=lambda: print('in thread:', hasattr(local_school, 'student')))
t.start()
t.join()
print('main still sees', local_school.student)
try:
    threading.local().missing
except AttributeError as e:
    print('AttributeError:', e)
