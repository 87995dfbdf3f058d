# implicit chaining: an exception while handling another
def cleanup():
    raise RuntimeError('cleanup failed')

try:
    int('not a number')
except ValueError:
    cleanup()
