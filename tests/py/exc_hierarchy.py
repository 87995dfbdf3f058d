# exception hierarchy: catching by base class
def catch(fn):
    try:
        fn()
    except LookupError as e:
        return 'LookupError <- ' + type(e).__name__
    except ArithmeticError as e:
        return 'ArithmeticError <- ' + type(e).__name__
    except Exception as e:
        return 'Exception <- ' + type(e).__name__
    return 'no error'

print(catch(lambda: {}['k']))
print(catch(lambda: [][0]))
print(catch(lambda: 'abc'[10]))
print(catch(lambda: 1 // 0))
print(catch(lambda: 1 % 0))
print(catch(lambda: int('x')))
print(catch(lambda: None.attr))
print(catch(lambda: undefined))
print(catch(lambda: 1 + 'a'))
print(catch(lambda: 1))
print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(ArithmeticError, Exception))
print(issubclass(Exception, BaseException), issubclass(SystemExit, Exception), issubclass(KeyboardInterrupt, Exception))
print(issubclass(RuntimeError, Exception), issubclass(NotImplementedError, RuntimeError))
print(issubclass(AssertionError, Exception), issubclass(TypeError, ValueError))
print(issubclass(UnicodeDecodeError, ValueError), issubclass(RecursionError, RuntimeError))
print(issubclass(FileNotFoundError, OSError), issubclass(StopIteration, Exception))
try:
    raise SystemExit(7)
except Exception:
    print('not caught by Exception')
except BaseException as e:
    print('caught by BaseException', type(e).__name__, e.code)
try:
    try:
        {}['a']
    except IndexError:
        print('wrong handler')
except KeyError:
    print('propagated past non-matching handler')
