# an uncaught exception at module level: traceback and exit 1
print('before')
x = {'a': 1}
value = x['b']
print('not reached')
