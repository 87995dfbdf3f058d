# concsim's importlib: import_module (the import statement's machinery, called by name),
# reload and invalidate_caches.
# Invariant: importing goes through the VM's own import (`__import__`), so sys.modules and
# the import statement agree.
# Not supported: finders, loaders, importlib.util/machinery/resources; relative names need
# the package argument.

import sys


def import_module(name, package=None):
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative "
                            "import for {!r}".format(name))
        for character in name:
            if character != '.':
                break
            level += 1
        base = package.rsplit('.', level - 1)
        if len(base) < level:
            raise ImportError('attempted relative import beyond top-level package')
        name = base[0] + '.' + name[level:] if name[level:] else base[0]
    __import__(name)
    return sys.modules[name]


def reload(module):
    raise NotImplementedError("concsim does not support importlib.reload yet")


def invalidate_caches():
    pass
