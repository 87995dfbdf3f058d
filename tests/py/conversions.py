# int/float/str/bool/None conversions and truthiness
print(int('12'), int('-7'), int(3.9), int(True), int('0x1f', 16), int('z', 36))
print(float('1.5'), float(3), float('1e3'), float(False))
print(str(12), str(1.5), str(None), str(True), str([1, '2']), str('s'))
print(repr('s'), repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('tab\there\n'))
print(bool(0), bool(1), bool(-1), bool(''), bool('0'), bool([]), bool(None), bool(0.0), bool({}))
print(None, type(None).__name__, None is None, None == 0)
print(list('abc'), list((1, 2)), list({'a': 1, 'b': 2}), list(range(3)))
print(tuple([1, 2]), tuple('ab'), dict([('a', 1), ('b', 2)]), dict(x=1, y=2))
print(sorted(set([3, 1, 2])), len(set('hello')))
print(str(10) + '1', int('10') + 1, '3' * 3, [0] * 2)
print(True == 1, False == 0, 1 == 1.0)
print(ord('A'), chr(97), hex(255), bin(5), oct(8), hex(-1))
print(type(1).__name__, type(1.0).__name__, type('').__name__, type([]).__name__,
      type(()).__name__, type({}).__name__, type(None).__name__, type(True).__name__)
try:
    int('1.5')
except ValueError as e:
    print('ValueError:', e)
try:
    int('abc')
except ValueError as e:
    print('ValueError:', e)
try:
    int(None)
except TypeError as e:
    print('TypeError:', e)
try:
    '1' + 1
except TypeError as e:
    print('TypeError:', e)
try:
    1 + '1'
except TypeError as e:
    print('TypeError:', e)
