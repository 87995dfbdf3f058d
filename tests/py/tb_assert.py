def check_positive(n):
    assert n > 0, 'expected a positive number, got %r' % n
    return n

check_positive(5)
check_positive(-2)
