# nested try, re-raise, exception from finally, return inside finally
def inner():
    try:
        raise KeyError('k')
    except KeyError:
        print('inner caught, re-raising')
        raise

try:
    inner()
except KeyError as e:
    print('outer caught', repr(e))

try:
    try:
        raise ValueError('first')
    finally:
        print('inner finally')
except ValueError as e:
    print('caught after finally:', e)

try:
    try:
        raise ValueError('lost')
    finally:
        raise TypeError('from finally')
except TypeError as e:
    print('finally replaced:', e)
    print('context:', repr(e.__context__))
except ValueError:
    print('not reached')

def swallow():
    try:
        raise RuntimeError('swallowed')
    finally:
        return 'finally wins'

print(swallow())

def override():
    try:
        return 1
    finally:
        return 2

print(override())

def nested_levels(n):
    try:
        try:
            try:
                if n == 0:
                    raise IndexError('deep')
                return 'ok'
            except KeyError:
                return 'key'
        except IndexError as e:
            raise LookupError('wrapped: ' + str(e))
    except LookupError as e:
        return 'lookup ' + str(e)

print(nested_levels(0), nested_levels(1))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        x = undefined_name
except NameError as e:
    print(type(e).__name__, '|', e, '|', type(e.__context__).__name__)

def reraise_as_other():
    try:
        int('x')
    except ValueError as e:
        raise RuntimeError('bad number') from e

try:
    reraise_as_other()
except RuntimeError as e:
    print(e, '<-', type(e.__cause__).__name__, e.__cause__)
