# with statements: custom context managers, exception suppression
class Tracker:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print('enter', self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            print('exit', self.name, 'cleanly')
        else:
            print('exit', self.name, 'with', exc_type.__name__, exc)
        return self.suppress

with Tracker('a') as t:
    print('inside', t.name)

with Tracker('b', suppress=True):
    raise ValueError('suppressed')
print('after b')

try:
    with Tracker('c'):
        raise KeyError('propagates')
except KeyError as e:
    print('caught', repr(e))

with Tracker('outer') as o, Tracker('inner') as i:
    print('both', o.name, i.name)

def use():
    with Tracker('ret'):
        return 'returned'

print(use())

for n in range(3):
    with Tracker('loop%d' % n):
        if n == 1:
            continue
        print('body', n)

class Resource:
    def __init__(self):
        self.open = False
    def __enter__(self):
        self.open = True
        return 'handle'
    def __exit__(self, *args):
        self.open = False

r = Resource()
with r as h:
    print(h, r.open)
print(r.open)
