# sets: only operations whose output does not depend on iteration order
s = {1, 2, 3}
print(len(s), 2 in s, 4 in s, 4 not in s)
s.add(4)
s.add(2)
print(len(s), sorted(s))
s.remove(1)
s.discard(100)
print(sorted(s))
a = set([1, 2, 3, 4])
b = {3, 4, 5, 6}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(len(a.union(b)), len(a.intersection(b)), sorted(a.difference(b)))
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {3}, a.isdisjoint({9}))
print({1, 2} == {2, 1}, set() == set(), {1} != {2})
words = ['apple', 'pear', 'apple', 'fig', 'pear']
print(len(set(words)), sorted(set(words)))
print(sorted(set('mississippi')))
c = set()
for i in range(10):
    c.add(i % 4)
print(len(c), sorted(c), sum(c), max(c), min(c))
fs = frozenset([1, 2, 2])
print(len(fs), 1 in fs, sorted(fs))
u = {1, 2}
u.update([3, 4], (5,))
print(sorted(u), len(u))
print(sorted({x * x for x in range(-3, 4)}))
try:
    set().remove(1)
except KeyError as e:
    print('KeyError:', e)
try:
    {[1, 2]}
except TypeError as e:
    print('TypeError:', e)
print(set([]), frozenset())
