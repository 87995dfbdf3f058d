# sys.modules, __import__, importlib.import_module, sys._getframe (issue 16).
import sys
import importlib

print('sys' in sys.modules, type(sys.modules).__name__, sys.modules['sys'] is sys)
m = __import__('json')
print(m.__name__, 'json' in sys.modules, sys.modules['json'] is m)
print(m.dumps([1, 2]))
m2 = importlib.import_module('json')
print(m2 is m)
osp = __import__('os.path')
print(osp.__name__)
osp2 = __import__('os.path', fromlist=['join'])
print(osp2.__name__, osp2.join('a', 'b'))
print(importlib.import_module('os.path').join('x', 'y'))
col = importlib.import_module('collections')
print(col.OrderedDict([(1, 2)]))
for bad in ('no_such_module_xyz', 'json.no_such_sub'):
    try:
        importlib.import_module(bad)
    except ImportError as e:
        print(type(e).__name__, e, e.name)
try:
    __import__('no_such_module_xyz')
except ModuleNotFoundError as e:
    print('ModuleNotFoundError', e)
try:
    __import__('')
except ValueError as e:
    print('ValueError', e)
try:
    __import__(5)
except TypeError as e:
    print('TypeError', e)
try:
    importlib.import_module('.x')
except TypeError as e:
    print('TypeError', e)
mods = {}
for name in ('json', 'random', 'math'):
    mods[name] = importlib.import_module(name)
print(sorted(mods), mods['math'].sqrt(16))


def who():
    return sys._getframe().f_code.co_name


def caller():
    return sys._getframe(1).f_code.co_name


def outer():
    print(who(), caller())
    f = sys._getframe()
    print(f.f_code.co_name, f.f_back.f_code.co_name, sys._getframe().f_lineno)
    print(f.f_back.f_back is None)
    print(sys._getframe(0).f_locals == {'f': f})
    print(f.f_globals is globals(), f.f_globals['outer'] is outer)


outer()
top = sys._getframe(); print(top.f_code.co_name, top.f_lineno, top.f_back is None)


def deep(n):
    if n == 0:
        f = sys._getframe(); names = [(f.f_code.co_name, f.f_lineno)]
        f = f.f_back
        while f is not None:
            names.append((f.f_code.co_name, f.f_lineno))
            f = f.f_back
        return names
    return deep(n - 1)


print(deep(2))
print(sys._getframe(0).f_code.co_filename.rsplit("/", 1)[-1], (lambda: sys._getframe().f_code.co_name)())
try:
    sys._getframe(50)
except ValueError as e:
    print('ValueError', e)


def log(msg):
    f = sys._getframe(1)
    print('[%s:%d] %s' % (f.f_code.co_name, f.f_lineno, msg))


def work():
    log('hello')
    log('again')


work()
e = ImportError("x", name="q", path="/p")
print(e.name, e.path, e.msg, e.args, ImportError().msg, ImportError(1, 2).msg)
try:
    ImportError(bad=1)
except TypeError as err:
    print(err)
try:
    from json import no_such_name
except ImportError as err:
    print(err.name)
