# concsim's namespaces seen from Python: the dict `globals()` (and a module frame's
# `locals()`, `vars()`, `f_globals`) returns for a module, and the frame objects of
# `sys._getframe()`. The evaluation loop reads the frames (vm/modules/frames.rs) and calls
# `_globals` and `_frames` here.
# Invariant: a module's globals are slots, not a dict, so its dict here is one object per
# module, refreshed from the module at each `globals()`; writing into it (`g['x'] = 1`,
# `del g['x']`, update, setdefault, pop) writes the module too.
# Not supported: a dict kept from an earlier `globals()` does not see assignments made since
# (call globals() again); a frame is a snapshot taken at `_getframe()` (its f_lineno and
# f_locals do not move on); f_trace, f_lasti, clear() do not exist.

_dict = dict
_MISSING = object()


class dict(_dict):
    def __setitem__(self, key, value):
        _dict.__setitem__(self, key, value)
        if type(key) is str:
            setattr(self._concsim_module, key, value)

    def __delitem__(self, key):
        _dict.__delitem__(self, key)
        if type(key) is str:
            delattr(self._concsim_module, key)

    def update(self, *args, **kwargs):
        for k, v in _dict(*args, **kwargs).items():
            self[k] = v

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return _dict.__getitem__(self, key)

    def pop(self, key, default=_MISSING):
        if key in self:
            value = _dict.__getitem__(self, key)
            del self[key]
            return value
        if default is _MISSING:
            raise KeyError(key)
        return default


_by_module = {}


def _globals(module):
    d = _by_module.get(module.__name__)
    if d is None or d._concsim_module is not module:
        d = dict()
        d._concsim_module = module
        _by_module[module.__name__] = d
    _dict.clear(d)
    _dict.update(d, module.__dict__)
    return d


class frame:
    def __init__(self, code, lineno, module, local, back):
        self.f_code = code
        self.f_lineno = lineno
        self.f_back = back
        self._module = module
        self._local = local

    @property
    def f_globals(self):
        return _globals(self._module)

    @property
    def f_locals(self):
        if self._local is None:
            return _globals(self._module)
        return self._local

    @property
    def f_builtins(self):
        import builtins
        return builtins.__dict__

    def __repr__(self):
        return "<frame at %#x, file %r, line %d, code %s>" % (
            id(self), self.f_code.co_filename, self.f_lineno, self.f_code.co_name)


def _frames(items):
    f = None
    for code, lineno, module, local in items:
        f = frame(code, lineno, module, local, f)
    return f
