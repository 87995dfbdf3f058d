# f-strings: format specs, conversions, nested expressions
name = 'Ann'
age = 30
pi = 3.14159265
items = ['a', 'b']
print(f'{name} is {age}')
print(f'{name!r} {name!s} {items!r}')
print(f'{pi:.2f}|{pi:8.3f}|{pi:<8.1f}|{pi:^9.2f}|{pi:+.1f}')
print(f'{age:5d}|{age:<5d}|{age:^5}|{age:05d}|{age:x}|{age:b}|{age:o}|{age:#x}')
print(f'{name:>8}|{name:<8}|{name:^8}|{name:*^9}|{name:.2}')
print(f'{1234567:,}|{1234567.891:,.2f}|{0.25:.1%}|{1e6:e}')
print(f'{age + 1} {age * 2 - 5} {len(items)} {items[0].upper()}')
print(f"{'nested' + ' string'} {', '.join(items)}")
width = 10
prec = 3
print(f'[{pi:{width}.{prec}f}] [{name:>{width}}]')
d = {'k': 'v'}
print(f"{d['k']} {d!r}")
print(f'{{literal braces}} {{{age}}}')
print(f'{"yes" if age > 18 else "no"}')
print(f'{[x * 2 for x in range(3)]}')
print(f'{3 / 4} {7 // 2} {2 ** 10} {True} {None}')
print(f'{-42:6d}|{-42:<6d}|{-42:06d}|{42:+d}')
print(f'{0.1 + 0.2}|{1/3:.5f}|{100.0}|{1e20}|{1.5e-7}')
class P:
    def __str__(self):
        return 'P-str'
    def __repr__(self):
        return 'P-repr'
print(f'{P()} {P()!r} {[P()]}')
print(f'{"abc":10}|{12:10}|')
print(f'line1\nline2\t|tab')
