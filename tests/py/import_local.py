# import of modules beside the program: a module, a package with __init__.py, from-imports,
# one execution of the body, __name__ and __file__, and a traceback through the module.
import os
import import_local_mod
import import_local_mod as again
from import_local_mod import double, GREETING
import import_local_pkg.sub
from import_local_pkg.sub import where

print(import_local_mod.__name__, again is import_local_mod, GREETING)
print(double(4), import_local_mod.double(5), import_local_mod.calls)
print(os.path.basename(import_local_mod.__file__))
print(import_local_pkg.PKG, import_local_pkg.sub.where(), where())
try:
    import import_local_missing
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
import_local_mod.fail()
