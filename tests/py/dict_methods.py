# dict methods and ordering
d = {'Michael': 95, 'Bob': 75, 'Tracy': 85}
print(d['Michael'], len(d))
d['Adam'] = 67
print(d)
d['Bob'] = 80
print(d)
print('Thomas' in d, 'Bob' in d, d.get('Thomas'), d.get('Thomas', -1), d.get('Bob', 0))
print(d.pop('Bob'), d)
print(d.pop('missing', 'default'))
print(d.setdefault('Tracy', 0), d.setdefault('New', 1), d)
print(list(d.keys()), list(d.values()), list(d.items()))
d.update({'Michael': 100, 'Zed': 1})
d.update(extra=5)
print(d)
del d['New']
print(d, len(d))
counts = {}
for w in 'the cat and the hat and the bat'.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
groups = {}
for w in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    groups.setdefault(w[0], []).append(w)
print(groups)
print({k: v for k, v in sorted(counts.items(), key=lambda kv: -kv[1])})
print(sorted(d), sorted(d.items(), key=lambda kv: kv[1]))
c = d.copy()
c['copy'] = True
print('copy' in d, 'copy' in c)
print(d.popitem(), d)
print(dict.fromkeys(['a', 'b'], 0), dict(zip('abc', range(3))))
print({1: 'a', True: 'b'}, {(1, 2): 'tuple'})
print({'a': 1, 'b': 2} == {'b': 2, 'a': 1})
d2 = {}
d2['z'] = 1
d2['a'] = 2
d2['m'] = 3
del d2['z']
d2['z'] = 4
print(d2, list(d2))
for k, v in d2.items():
    print(k, v)
try:
    d2['nope']
except KeyError as e:
    print('KeyError:', e, repr(e))
d2.clear()
print(d2)
