# an uncaught exception raised three calls deep
def level3(n):
    raise ValueError('bad value: %d' % n)

def level2(n):
    level3(n + 1)

def level1():
    print('calling level2')
    level2(1)

level1()
