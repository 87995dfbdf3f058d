# list / dict / set comprehensions, nested, with conditions
print([x * x for x in range(1, 11)])
print([x * x for x in range(1, 11) if x % 2 == 0])
print([m + n for m in 'ABC' for n in 'XYZ'])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 1])
print([[row[i] for row in matrix] for i in range(3)])
print([x if x % 2 else -x for x in range(6)])
d = {'x': 'A', 'y': 'B', 'z': 'C'}
print([k + '=' + v for k, v in d.items()])
print({k: v.lower() for k, v in d.items()})
print({n: n ** 2 for n in range(5) if n != 2})
print(sorted({c for c in 'mississippi'}))
print(len({x % 3 for x in range(100)}))
words = ['Hello', 'World', 18, 'Apple', None]
print([s.lower() for s in words if isinstance(s, str)])
print(sum([x for x in range(10)]), max([len(w) for w in ['a', 'abc', 'ab']]))
print([(x, y) for x in range(3) for y in range(x)])
x = 'outer x'
print([x for x in range(3)], x)
print([i for i in [] if i])
flat = [n for sub in [[1, 2], [3], [], [4, 5]] for n in sub]
print(flat)
print({w: len(w) for w in ['one', 'three', 'five']})
print([[c for c in w] for w in ['ab', 'cd']])
