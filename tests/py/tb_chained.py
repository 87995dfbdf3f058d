# explicit chaining: raise ... from ...
class ConfigError(Exception):
    pass

def load(cfg):
    try:
        return cfg['port']
    except KeyError as e:
        raise ConfigError('port is missing') from e

load({})
