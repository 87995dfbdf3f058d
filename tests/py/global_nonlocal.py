# global and nonlocal
count = 0

def bump():
    global count
    count = count + 1

for _ in range(5):
    bump()
print(count)

def read_only():
    return count * 2

print(read_only())

def outer():
    x = 'outer'
    def inner():
        nonlocal x
        x = 'changed by inner'
    inner()
    return x

print(outer())

def make_counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return step

s = make_counter()
s(); s()
print(s())

def shadow():
    count = 100
    return count

print(shadow(), count)

def define_global():
    global created
    created = 'made inside'

define_global()
print(created)

x = 'module'
def nested():
    x = 'nested'
    def inner():
        global x
        return x
    return inner()
print(nested())
