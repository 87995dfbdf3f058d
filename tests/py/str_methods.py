# str methods
s = '  Hello, World  '
print('[' + s.strip() + ']', '[' + s.lstrip() + ']', '[' + s.rstrip() + ']')
print('xxhixx'.strip('x'), 'a,b,,c'.split(','), 'a b  c'.split(), 'a b c'.split(' ', 1))
print('line1\nline2\n'.splitlines(), 'k=v=w'.rsplit('=', 1), 'k=v'.partition('='))
print('-'.join(['a', 'b', 'c']), ''.join('xyz'), ', '.join(str(i) for i in range(3)))
print('hello'.replace('l', 'L'), 'hello'.replace('l', 'L', 1), 'aaa'.replace('a', ''))
print('MiXeD'.upper(), 'MiXeD'.lower(), 'hello world'.title(), 'hello'.capitalize(), 'AbC'.swapcase())
print('hello'.startswith('he'), 'hello'.endswith('lo'), 'hello'.startswith(('x', 'h')))
print('hello'.find('l'), 'hello'.find('z'), 'hello'.rfind('l'), 'hello'.index('e'))
print('banana'.count('a'), 'banana'.count('an'), 'banana'.count(''))
print('[' + 'hi'.center(8) + ']', '[' + 'hi'.center(7, '*') + ']')
print('[' + 'hi'.ljust(5) + ']', '[' + 'hi'.rjust(5) + ']', '[' + 'hi'.ljust(5, '.') + ']')
print('42'.zfill(5), '-42'.zfill(6), 'abc'.zfill(2))
print('123'.isdigit(), '12a'.isdigit(), ''.isdigit(), 'abc'.isalpha(), 'a1'.isalnum(), '  '.isspace())
print('ABC'.isupper(), 'abc'.islower(), 'Hello World'.istitle())
print('{} + {} = {}'.format(1, 2, 3), 'x'.format())
print(len('hello'), 'ell' in 'hello', 'z' not in 'hello', 'ab' + 'cd', 'ab' * 2)
print('a' < 'b', 'Z' < 'a', 'abc' == 'abc', min('hello'), max('hello'))
print(sorted('hello'), list(reversed('abc')), 'abc'[::-1])
print('tab\tsep', 'quote\'s', "dq\"s", 'back\\slash')
print(str.upper('x'), 'a-b-c'.split('-', 1), '  x '.strip() == 'x')
print('%s' % 'x'.encode(), 'hello world'.split('o'))
print('abc'.index('c'), 'Hello'.casefold(), 'x y'.expandtabs())
try:
    'hello'.index('z')
except ValueError as e:
    print('ValueError:', e)
s2 = 'immutable'
try:
    s2[0] = 'I'
except TypeError as e:
    print('TypeError:', e)
