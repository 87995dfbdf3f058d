# more builtins: abs, round, type, hasattr/getattr/setattr, any/all, map/filter, chr/ord, hex/bin, divmod, pow, iter/next
print(abs(-5), abs(3.5), abs(0), abs(-2 ** 70))
print(round(3.7), round(-3.7), round(3.14159, 3), round(7))
print(type(3).__name__, type('x').__name__, type([]).__name__, type(1.5).__name__, type(None).__name__)
class Obj:
    cls_attr = 'c'
    def __init__(self):
        self.x = 9
    def power(self):
        return self.x * self.x
o = Obj()
print(hasattr(o, 'x'), hasattr(o, 'y'), hasattr(o, 'power'), hasattr(o, 'cls_attr'))
setattr(o, 'y', 19)
print(hasattr(o, 'y'), getattr(o, 'y'), o.y, getattr(o, 'z', 404))
fn = getattr(o, 'power')
print(fn())
print(any([0, '', None]), any([0, 1]), all([1, 'a', [0]]), all([1, 0]), any([]), all([]))
print(list(map(str, [1, 2, 3])), list(map(lambda x, y: x + y, [1, 2], [10, 20])))
print(list(filter(lambda n: n % 2 == 1, range(10))), list(filter(None, [0, 1, '', 'a'])))
print(chr(65), chr(0x4e2d), ord('a'), ord('中'), [ord(c) for c in 'AZ'])
print(hex(255), hex(0), bin(10), bin(-3), oct(64))
print(divmod(20, 6), divmod(-20, 6), pow(2, 8), pow(2, -1), pow(5, 3, 7), pow(-2, 3))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, 'done'))
try:
    next(it)
except StopIteration:
    print('StopIteration')
it2 = iter('ab')
print(list(it2), list(it2))
print(callable(len), callable(o), callable(Obj), callable(o.power))
print(isinstance(map(str, []), object), list(zip(*[(1, 'a'), (2, 'b')])))
print(sum(map(int, '12345')), max(map(len, ['a', 'bbb', 'cc'])))
print(str(list(map(abs, [-1, -2]))), tuple(filter(str.isupper, 'aBcD')))
try:
    getattr(o, 'missing')
except AttributeError as e:
    print('AttributeError:', e)
