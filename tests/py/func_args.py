# positional, keyword and default arguments
def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct

print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet('Cid', punct='?'))
print(greet(punct='.', name='Dee', greeting='Yo'))

def power(x, n=2):
    s = 1
    while n > 0:
        n = n - 1
        s = s * x
    return s

print(power(5), power(5, 3), power(x=2, n=10))

def nothing():
    pass

print(nothing())

def early(x):
    if x < 0:
        return 'negative'
    return

print(early(-1), early(1))

def defaults_evaluated_once(item, bucket=[]):
    bucket.append(item)
    return bucket

print(defaults_evaluated_once(1))
print(defaults_evaluated_once(2))

def multi():
    return 1, 'two', 3.0

a, b, c = multi()
print(a, b, c)
print(multi())

def kwonly(a, *, b=2, c):
    return a + b + c

print(kwonly(1, c=10))
print(kwonly(1, b=5, c=10))
