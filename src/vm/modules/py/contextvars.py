# contextvars: ContextVar, Token, Context and copy_context in CPython 3.11's design. Each
# thread has its own current Context, empty when the thread starts; asyncio tasks run each
# step in the context copied when the task was created (or the one passed as context=).
# Invariant: a Context's mapping is never changed in place — ContextVar.set replaces it with
# a new dict — so a copy (copy_context) is a snapshot and costs no copying.
# Not supported: subscripting ContextVar[...] (generic aliases); call_soon(context=...) runs
# the callback in the loop's current context; a task created before contextvars is imported
# runs in the thread's current context.

import _concsim

__all__ = ("Context", "ContextVar", "Token", "copy_context")

_MISSING = object()
_state = _concsim._local()


def _current():
    ctx = getattr(_state, "ctx", None)
    if ctx is None:
        ctx = Context()
        _state.ctx = ctx
    return ctx


def copy_context():
    new = Context()
    new._data = _current()._data
    return new


class Context:
    def __init__(self):
        self._data = {}
        self._prev = None
        self._entered = False

    def run(self, callable, *args, **kwargs):
        if self._entered:
            raise RuntimeError("cannot enter context: %r is already entered" % (self,))
        self._prev = getattr(_state, "ctx", None)
        self._entered = True
        _state.ctx = self
        try:
            return callable(*args, **kwargs)
        finally:
            _state.ctx = self._prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = Context()
        new._data = self._data
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return self._data[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return self._data.get(var, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None

    def __repr__(self):
        return "<Context object at 0x%x>" % id(self)


class _TokenMissing:
    def __repr__(self):
        return "<Token.MISSING>"


class Token:
    MISSING = _TokenMissing()

    def __init__(self, context, var, old_value):
        self._context = context
        self._var = var
        self._old_value = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __repr__(self):
        return "<Token%s var=%r at 0x%x>" % (" used" if self._used else "", self._var, id(self))


class ContextVar:
    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError("get expected at most 1 argument, got %d" % len(args))
        data = _current()._data
        if self in data:
            return data[self]
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current()
        data = ctx._data
        old = data.get(self, Token.MISSING) if self in data else Token.MISSING
        new = dict(data)
        new[self] = value
        ctx._data = new
        return Token(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError("expected an instance of Token, got %r" % (token,))
        if token._used:
            raise RuntimeError("%r has already been used once" % (token,))
        if token._var is not self:
            raise ValueError("%r was created by a different ContextVar" % (token,))
        ctx = _current()
        if token._context is not ctx:
            raise ValueError("%r was created in a different Context" % (token,))
        new = dict(ctx._data)
        if token._old_value is Token.MISSING:
            new.pop(self, None)
        else:
            new[self] = token._old_value
        ctx._data = new
        token._used = True

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __repr__(self):
        default = ""
        if self._default is not _MISSING:
            default = " default=%r" % (self._default,)
        return "<ContextVar name=%r%s at 0x%x>" % (self._name, default, id(self))
