# list / dict / tuple / set literals, unpacking, augmented assignment
l = [1, 'a', 2.5, None, True, [1, 2]]
print(l, len(l))
t = (1,)
print(t, (), (1, 2) + (3,), type(t).__name__)
d = {'x': 1, 'y': [1, 2], 3: 'three', (1, 2): 'tuple key'}
print(d, d[3], d[(1, 2)])
s = {3, 1, 2, 3, 1}
print(len(s), sorted(s), 2 in s, 5 in s)
print({}, set(), type({}).__name__, type(set()).__name__)
print([[]] * 2, [0] * 3, 'ab' * 3, (1, 2) * 2)
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'hello'
print(init, last)
(p, q), r = (1, 2), 3
print(p, q, r)
x = y = z = 0
x += 5
y -= 2
z = 10
z *= 3
z //= 4
z **= 2
print(x, y, z)
lst = [1]
lst += [2, 3]
lst *= 2
print(lst)
st = 'a'
st += 'b'
print(st)
nested = {'a': {'b': {'c': [1, 2, {'d': 'deep'}]}}}
print(nested['a']['b']['c'][2]['d'])
print([1, 2] == [1, 2], (1, 2) < (1, 3), [1, 2] < [1, 2, 0], 'abc' < 'abd')
print({'a': 1} == {'a': 1}, {1, 2} == {2, 1})
empty = []
print(len(empty), bool(empty), bool([0]))
print([1, [2, [3, [4]]]])
print((1, 'a', None, True, 2.0))
