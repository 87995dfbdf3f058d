# The main program's path as CPython 3.9+ names it: __file__ and the traceback's frames are the
# working directory joined to the path as given (absolute), sys.argv[0] is the path as given;
# a module beside it is named by sys.path[0]; warnings name the file the same way.
import os
import sys
import warnings
import import_local_mod

print(os.path.isabs(__file__), os.path.basename(__file__), sys.argv[0])
print(__file__ == os.getcwd() + "/" + sys.argv[0], sys.path[0] == os.path.dirname(__file__))
print(os.path.isabs(import_local_mod.__file__))
warnings.warn("a warning names the file")
try:
    import_local_mod.fail()
except Exception:
    import traceback
    traceback.print_exc()
raise SystemExit(str(os.path.isabs(__file__)))
