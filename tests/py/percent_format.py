# printf-style % formatting
print('Hello, %s' % 'world')
print('Hi, %s, you have $%d.' % ('Michael', 1000000))
print('%d|%5d|%-5d|%05d|%+d' % (42, 42, 42, 42, 42))
print('%s|%r|%s|%r' % ('text', 'text', 7, [1, 'a']))
print('%5.2f|%.3f|%f|%10.1f|%-8.2f|' % (3.14159, 2.0, 1.5, -2.25, 0.125))
print('%-10s|%10s|' % ('left', 'right'))
print('%x|%X|%o|%#x|%04x' % (255, 255, 8, 255, 10))
print('growth rate: %d %%' % 7)
print('%e|%.2e' % (12345.678, 0.000123))
print('%c%c' % (65, 'b'))
print('%s' % (1, ) , '%s' % [1, 2], '%s' % ((1, 2),))
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 30})
print('%.2s' % 'abcdef', '%5.1s|' % 'xyz')
print('%d' % 3.99, '%d' % -3.99, '%i' % True)
print('%s %s' % (None, True))
print('%.0f %.0f %.0f' % (0.5, 1.5, 2.5))
print('%g %g %g' % (0.0001, 123456789.0, 1.5))
print('price: %8.2f EUR' % 1234.5)
try:
    print('%d %d' % (1,))
except TypeError as e:
    print('TypeError:', e)
try:
    print('%d' % 'x')
except TypeError as e:
    print('TypeError:', e)
