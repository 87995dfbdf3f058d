# globals(), locals(), vars() and dir() without an argument (issue 16).
x = 5
g = globals()
print(type(g).__name__, g['x'], '__name__' in g, g['__name__'])
globals()['y'] = 7
print(y)
globals().update(z=8, w=9)
print(z, w)
print(globals().setdefault('x', 100), globals().setdefault('v', 1), v)
del globals()['w']
try:
    w
except NameError as e:
    print("NameError:", e)
print(globals().pop('v'), 'v' in globals())
print(globals().get('nothing', 'default'))


def handler_a():
    return "A"


def dispatch(name):
    return globals()["handler_" + name]()


print(dispatch("a"))


def f(a, b=2, *args, **kw):
    c = 3
    print(sorted(locals().items()))
    print(sorted(vars()))
    print(dir())
    loc = locals()
    loc['c'] = 99
    print(c)


f(1)
f(1, 2, 3, k=4)


def outer():
    n = 1

    def inner():
        m = 2
        return sorted(locals().items()), n
    return inner()


print(outer())


class K:
    a = 1
    b = a + 1
    names = sorted(k for k in locals() if not k.startswith('__'))
    locals()['c'] = 3


print(K.names, K.c)
print(sorted(k for k in vars() if not k.startswith('__')))
print([k for k in dir() if not k.startswith('__')])
print(locals() is globals(), vars() is globals())


class A:
    def __init__(self):
        self.q = 1


print(vars(A()))
for bad in (lambda: globals(1), lambda: locals(1, 2), lambda: vars(1, 2), lambda: vars(1),
            lambda: dir(1, 2)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(sorted(globals().keys() - {'__builtins__', '__spec__', '__loader__', '__file__',
                                 '__cached__', '__annotations__', '__package__', '__doc__'}))
