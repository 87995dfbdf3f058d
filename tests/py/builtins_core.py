# core builtins: len, isinstance, issubclass, enumerate, zip, sum, min, max, sorted, reversed
print(len('abc'), len([1, 2]), len({'a': 1}), len((1,)), len(range(10)), len(''))
print(isinstance(1, int), isinstance(1.0, int), isinstance('s', (int, str)), isinstance(True, int))
print(isinstance([], list), isinstance({}, dict), isinstance(None, object))
class A: pass
class B(A): pass
print(issubclass(B, A), issubclass(A, B), issubclass(bool, int), issubclass(B, (int, A)))
print(list(enumerate('abc')), list(enumerate(['x', 'y'], 1)))
for i, v in enumerate(['a', 'b', 'c'], start=10):
    print(i, v)
print(list(zip([1, 2, 3], 'abc')), list(zip([1, 2], [3])), list(zip()))
names = ['a', 'b']
scores = [90, 80]
print(dict(zip(names, scores)))
print(sum([1, 2, 3]), sum([]), sum([1, 2], 10), sum(range(101)), sum([0.5, 0.25]))
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max('abc'), min('b', 'a'))
words = ['pear', 'fig', 'banana', 'kiwi']
print(max(words, key=len), min(words, key=len), max(words), min(words, key=lambda w: w[-1]))
print(max([], default='empty'), min([(2, 'b'), (1, 'z')]))
print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted('bca'))
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted([(1, 'b'), (1, 'a'), (0, 'z')]), sorted({'b': 1, 'a': 2}))
students = [('Bob', 75), ('Adam', 92), ('Bart', 66), ('Lisa', 88)]
print(sorted(students, key=lambda t: t[0]))
print(sorted(students, key=lambda t: t[1], reverse=True))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), ''.join(reversed('abc')))
print(list(range(5)), list(range(1, 4)), list(range(0, -6, -2)))
print(list(), dict(), tuple(), set() == set(), str(), int(), float())
try:
    max([])
except ValueError as e:
    print('ValueError:', e)
try:
    len(5)
except TypeError as e:
    print('TypeError:', e)
