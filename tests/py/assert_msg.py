# assert with and without message
def check(n):
    assert n >= 0, 'n must be non-negative, got %d' % n
    return n * 2

print(check(3))
try:
    check(-1)
except AssertionError as e:
    print('AssertionError:', e)

try:
    assert 1 == 2
except AssertionError as e:
    print('no message:', repr(e), e.args)

try:
    assert [], ['list', 'message']
except AssertionError as e:
    print(e.args)

assert True, 'never'
print('done')
assert 2 + 2 == 5, 'math is broken'
print('not reached')
