# Module-level __getattr__ (PEP 562): attribute access, from-imports, getattr/hasattr with
# defaults, and the AttributeError / ImportError it leaves.
import module_getattr_mod as pkg

print(pkg.VERSION, pkg.calls)
print(pkg.answer, pkg.calls)
print(pkg.lazy_thing, pkg.lazy_thing, pkg.calls)
print(getattr(pkg, "missing", "default"), hasattr(pkg, "answer"), hasattr(pkg, "nope"))
from module_getattr_mod import answer, lazy_other

print(answer, lazy_other, pkg.calls[:5], pkg.lazy_other is lazy_other)
try:
    pkg.nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    from module_getattr_mod import nope
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
