# try / except / else / finally
def divide(a, b):
    try:
        r = a / b
    except ZeroDivisionError as e:
        print('except:', e)
        return None
    else:
        print('else: no error')
        return r
    finally:
        print('finally')

print(divide(10, 2))
print(divide(1, 0))

try:
    print('try...')
    r = 10 / int('a')
    print('result:', r)
except ValueError as e:
    print('ValueError:', e)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
finally:
    print('finally...')
print('END')

try:
    [1, 2][5]
except (KeyError, IndexError) as e:
    print('tuple of types caught', type(e).__name__)

try:
    {}['missing']
except Exception:
    print('bare Exception catches KeyError')

try:
    raise ValueError
except ValueError as e:
    print('class raised:', repr(e), str(e) == '')

try:
    raise ValueError('with message')
except:
    print('bare except')

e = 'unchanged'
try:
    1 / 0
except ZeroDivisionError as e:
    pass
try:
    print(e)
except NameError as err:
    print('NameError:', err)

def f():
    try:
        return 'from try'
    finally:
        print('finally runs before return')

print(f())

for i in range(3):
    try:
        if i == 1:
            continue
        print('body', i)
    finally:
        print('finally', i)
