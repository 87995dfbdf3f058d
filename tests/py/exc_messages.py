# CPython's exception messages
def show(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ':', e)

class Foo:
    def __init__(self):
        self.a = 1

def f(a, b):
    return a + b

def g(x):
    return x

def h():
    return 0

def k(a, b=2, *, c):
    return a

show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1.5 / 0)
show(lambda: divmod(1, 0))
show(lambda: {'a': 1}['b'])
show(lambda: {}[('t', 1)])
show(lambda: {}[3])
show(lambda: [1, 2, 3][3])
show(lambda: [][-1])
show(lambda: (1, 2)[5])
show(lambda: 'abc'[3])
show(lambda: Foo().x)
show(lambda: Foo.y)
show(lambda: (1).foo)
show(lambda: 'str'.nope)
show(lambda: None.x)
show(lambda: [].push)
show(lambda: undefined_variable)
show(lambda: f(1))
show(lambda: f())
show(lambda: f(1, 2, 3))
show(lambda: g(1, 2))
show(lambda: h(1))
show(lambda: g(y=1))
show(lambda: f(1, a=1))
show(lambda: k(1))
show(lambda: Foo(1))
show(lambda: 1 + 'a')
show(lambda: 'a' + 1)
show(lambda: [1] + (2,))
show(lambda: 'a' * 'b')
show(lambda: 1 - 'x')
show(lambda: None + 1)
show(lambda: 1 < 'a')
show(lambda: -'a')
show(lambda: len(3))
nothing, five, text = None, 5, 'abc'
show(lambda: nothing())
show(lambda: five())
show(lambda: text())
show(lambda: int('x1'))
show(lambda: [1, 2].index(9))
show(lambda: (1, 2)[0:1][3])
show(lambda: {}.pop('missing'))
show(lambda: 'a'.join([1]))
show(lambda: hash([]))
show(lambda: {[]: 1})
show(lambda: iter(5))
one = [1]
show(lambda: one[None])
show(lambda: one[1.5])
try:
    {}['key']
except KeyError as e:
    print(repr(e), str(e), e.args)
try:
    raise KeyError('a', 'b')
except KeyError as e:
    print(repr(e), str(e))
