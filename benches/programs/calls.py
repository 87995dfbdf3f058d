# Recursive calls: fib(27) makes about 630,000 Python function calls (frame creation,
# argument binding, return), the VM's call path.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(27))
