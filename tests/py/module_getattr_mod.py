# A module beside module_getattr.py (and a program of its own, which prints nothing) with a
# module-level __getattr__ (PEP 562): names it lacks are computed on first use; it counts calls.
calls = []

VERSION = "1.0"
_cache = {}


def __getattr__(name):
    calls.append(name)
    if name == "answer":
        return 42
    if name.startswith("lazy_"):
        if name not in _cache:
            _cache[name] = name[5:].upper()
        return _cache[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
