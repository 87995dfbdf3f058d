# if/elif/else, while, while-else, conditional expressions, boolean operators
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'

for n in [-5, 0, 3, 42]:
    print(n, classify(n))

i = 0
total = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
print('total', total, 'i', i)

n = 0
while n < 3:
    n += 1
else:
    print('while finished normally', n)

while True:
    n -= 1
    if n == 0:
        break
else:
    print('not printed')
print('after break', n)

x = 5
print('big' if x > 3 else 'small')
print(1 < x < 10, 1 < x > 10, x == 5 != 6)
print(0 or 'default', '' or None, 3 and 4, [] and 'never')
print(not 0, not [1], not None)
if not []:
    print('empty list is falsy')
if {}:
    print('no')
elif 0.0:
    print('no')
else:
    print('empty dict and 0.0 are falsy')
y = None
if y is None and x is not None:
    print('is / is not')
print(x in [1, 5], 'a' not in 'bcd')
