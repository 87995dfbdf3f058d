# for over range/list/tuple/str/dict, break/continue, for-else
for i in range(3):
    print('range', i)
for i in range(10, 0, -3):
    print('down', i)
print(list(range(2, 8, 2)), list(range(5, 0)), len(range(0, 100, 7)))
for name in ['Michael', 'Bob', 'Tracy']:
    print(name)
for item in (1, 'two', 3.0):
    print(item, end=' ')
print()
for ch in 'abc':
    print(ch.upper(), end='')
print()
d = {'a': 1, 'b': 2, 'c': 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, '=', v)
for v in d.values():
    print(v, end=',')
print()
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a + b)

for n in range(2, 10):
    for x in range(2, n):
        if n % x == 0:
            print(n, 'equals', x, '*', n // x)
            break
    else:
        print(n, 'is a prime number')

for i in range(5):
    if i == 1:
        continue
    if i == 3:
        break
    print('loop', i)
else:
    print('not reached')

for i in []:
    print('never')
else:
    print('else on empty loop')

total = 0
for x in range(101):
    total += x
print(total)
for x in range(3):
    pass
print('x after loop', x)
