import os

count = 1
pid = os.fork()
if pid == 0:
    count += 10
    print("child", count)
    os._exit(0)
os.waitpid(pid, 0)
count += 100
print("parent", count)
