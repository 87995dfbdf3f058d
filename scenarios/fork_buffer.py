import os, sys

# Run with stdout block-buffered, as when it is a pipe or a file (`python3 fork_buffer.py | cat`):
# print() then only fills a buffer in the process's memory, and fork() copies that memory.

def fork_and_wait(label):
    pid = os.fork()
    if pid == 0:
        print('%s: I am the child (%s)' % (label, os.getpid()))
        sys.exit(0)             # a normal exit writes out what the child's buffer holds
    os.waitpid(pid, 0)
    print('%s: I am the parent (%s); my child %s has ended' % (label, os.getpid(), pid))

print('A. printed before the first fork, still in the buffer')
fork_and_wait('first fork')
print('B. printed before the second fork, then flushed')
sys.stdout.flush()
fork_and_wait('second fork')
