# raise X from Y, custom exception classes
class AppError(Exception):
    pass

class ConfigError(AppError):
    def __init__(self, key, reason):
        super().__init__('bad config %s: %s' % (key, reason))
        self.key = key
        self.reason = reason

class NotFound(AppError):
    def __str__(self):
        return 'not found!'

def load(cfg, key):
    try:
        return cfg[key]
    except KeyError as e:
        raise ConfigError(key, 'missing') from e

try:
    load({}, 'port')
except AppError as e:
    print(type(e).__name__, e)
    print(e.key, e.reason, e.args)
    print(type(e.__cause__).__name__, repr(e.__cause__))
    print(e.__suppress_context__)

try:
    raise NotFound('x')
except AppError as e:
    print(str(e), repr(e), e.args)

try:
    try:
        raise ValueError('inner')
    except ValueError:
        raise NotFound() from None
except NotFound as e:
    print(e.__cause__, e.__suppress_context__, type(e.__context__).__name__)

class MyErr(Exception):
    def __init__(self, code):
        self.code = code

try:
    raise MyErr(42)
except MyErr as e:
    print('code', e.code, e.args)

print(issubclass(ConfigError, Exception), issubclass(ConfigError, AppError))
print(isinstance(ConfigError('a', 'b'), BaseException))
e = ValueError('a', 2)
print(e.args, str(e), repr(e))
print(repr(Exception()), str(Exception('single')))
