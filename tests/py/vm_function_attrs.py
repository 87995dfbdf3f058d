# Function attributes: __code__, __doc__, __qualname__, __module__, __defaults__,
# __kwdefaults__, __name__ assignment (issue 16).
import functools


def f(a, b=2, *args, c, d=4, **kw):
    """Adds things."""
    x = a + b
    return x


co = f.__code__
print(co.co_name, co.co_argcount, co.co_kwonlyargcount, co.co_varnames, co.co_nlocals)
print(co.co_filename.rsplit('/', 1)[-1], co.co_firstlineno, co.co_qualname)
print(f.__doc__, f.__name__, f.__qualname__, f.__module__, f.__defaults__, f.__kwdefaults__)


def g():
    pass


print(g.__doc__, g.__defaults__, g.__kwdefaults__, g.__code__.co_varnames, g.__code__.co_argcount)


class C:
    def m(self, y=1):
        "method doc"
        def inner(z):
            return z + y
        return inner

    @staticmethod
    def s():
        pass


print(C.m.__qualname__, C.m.__doc__, C.m.__code__.co_varnames, C.m.__code__.co_cellvars)
inner = C().m()
print(inner.__qualname__, inner.__code__.co_freevars, inner.__code__.co_varnames)
print(C.s.__qualname__, C().m.__doc__, C().m.__name__, C().m.__qualname__)
print((lambda q, r=3: q).__code__.co_name, (lambda q, r=3: q).__defaults__)
f.__name__ = 'renamed'
f.__qualname__ = 'Q.renamed'
f.__doc__ = 'new doc'
f.__module__ = 'elsewhere'
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, f.__code__.co_name)
print(repr(f).split(' at ')[0])
f.__defaults__ = (10,)
print(f(1, c=0))
f.__kwdefaults__ = {'c': 5, 'd': 6}
print(f(1), f.__kwdefaults__)
f.__kwdefaults__ = {'c': 5}
try:
    f(1)
except TypeError as e:
    print(e)
f.__defaults__ = None
try:
    f(1)
except TypeError as e:
    print(e)
for bad in (1, None):
    try:
        f.__name__ = bad
    except TypeError as e:
        print(e)
for attr, val in (('__defaults__', [1]), ('__kwdefaults__', 1), ('__qualname__', 2)):
    try:
        setattr(f, attr, val)
    except TypeError as e:
        print(e)
try:
    f.__globals__ = {}
except AttributeError as e:
    print(e)


def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper


@deco
def documented(p):
    "Doc of documented."
    return p


print(documented.__name__, documented.__doc__, documented.__qualname__, documented.__module__,
      documented.__wrapped__.__name__, documented.__code__.co_name)
print(sorted(documented.__dict__))
f.custom = 1
print(f.__dict__)
print(type(co).__name__, co.co_name == 'f')
