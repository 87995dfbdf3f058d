# *args and **kwargs, in definitions and calls
def f(*args):
    return len(args), args

print(f())
print(f(1, 2, 3))

def g(a, b=0, *rest, **opts):
    return a, b, rest, opts

print(g(1))
print(g(1, 2, 3, 4))
print(g(1, x=5, y=6))
print(g(1, 2, 3, z=9))

def calc(*nums):
    total = 0
    for n in nums:
        total = total + n * n
    return total

print(calc(1, 2))
nums = [1, 2, 3]
print(calc(*nums))
print(calc(*(4, 5), *nums))

def person(name, age, **kw):
    print('name:', name, 'age:', age, 'other:', kw)

person('Michael', 30)
person('Bob', 35, city='Beijing')
extra = {'city': 'Beijing', 'job': 'Engineer'}
person('Jack', 24, **extra)
person(**{'name': 'Zed', 'age': 1})

def all_kinds(a, b, c=0, *args, d, **kw):
    print('a =', a, 'b =', b, 'c =', c, 'args =', args, 'd =', d, 'kw =', kw)

all_kinds(1, 2, d=99)
all_kinds(1, 2, 3, 'a', 'b', d=7, x=None)
args = (1, 2, 3, 4)
kw = {'d': 99, 'x': '#'}
all_kinds(*args, **kw)
