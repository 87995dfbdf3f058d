# Exception groups (PEP 654) for concsim: the builtins BaseExceptionGroup and ExceptionGroup
# (taken by `builtins` on first use through the VM's LAZY names), in CPython 3.11's design,
# and the two steps of `except*` the VM's CheckEgMatch / PrepReraiseStar instructions call:
# `_split_star` (which part of the exception a clause handles) and `_prep_reraise_star` (what
# leaves the try statement: the unhandled rest and the re-raised parts in the original's
# structure, with the exceptions the handlers raised beside it).
# Invariant: a group's `exceptions` is a non-empty tuple fixed at construction; split,
# subgroup and derive never change the group they are called on, and the groups they make
# carry the original's traceback, cause, context and notes.

import _concsim


def _matcher(condition):
    if isinstance(condition, type) and issubclass(condition, BaseException):
        return lambda e: isinstance(e, condition)
    if isinstance(condition, tuple) and all(
            isinstance(c, type) and issubclass(c, BaseException) for c in condition):
        return lambda e: isinstance(e, condition)
    if callable(condition) and not isinstance(condition, type):
        return condition
    raise TypeError("expected a function, exception type or tuple of exception types")


class BaseExceptionGroup(BaseException):
    __module__ = "builtins"

    def __new__(cls, *args, **kwargs):
        if kwargs:
            raise TypeError("%s() takes no keyword arguments" % cls.__name__)
        if len(args) != 2:
            raise TypeError("BaseExceptionGroup.__new__() takes exactly 2 arguments (%d given)" % len(args))
        message, exceptions = args
        if not isinstance(message, str):
            raise TypeError("BaseExceptionGroup.__new__() argument 1 must be str, not %s" % type(message).__name__)
        if not isinstance(exceptions, (list, tuple)) and not (
                hasattr(exceptions, "__getitem__") and hasattr(exceptions, "__len__")
                and not isinstance(exceptions, (dict, str, bytes))):
            raise TypeError("second argument (exceptions) must be a sequence")
        excs = tuple(exceptions)
        if not excs:
            raise ValueError("second argument (exceptions) must be a non-empty sequence")
        all_exceptions = True
        for i, e in enumerate(excs):
            if not isinstance(e, BaseException):
                raise ValueError("Item %d of second argument (exceptions) is not an exception" % i)
            if not isinstance(e, Exception):
                all_exceptions = False
        if cls is BaseExceptionGroup:
            if all_exceptions:
                cls = ExceptionGroup
        elif issubclass(cls, Exception) and not all_exceptions:
            if cls is ExceptionGroup:
                raise TypeError("Cannot nest BaseExceptions in an ExceptionGroup")
            raise TypeError("Cannot nest BaseExceptions in '%s'" % cls.__name__)
        self = BaseException.__new__(cls)
        self.args = args
        self._message = message
        self._exceptions = excs
        return self

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("%s() takes no keyword arguments" % type(self).__name__)
        self.args = args

    @property
    def message(self):
        return self._message

    @property
    def exceptions(self):
        return self._exceptions

    def __str__(self):
        n = len(self._exceptions)
        return "%s (%d sub-exception%s)" % (self._message, n, "" if n == 1 else "s")

    def __class_getitem__(cls, item):
        import typing
        return typing.GenericAlias(cls, item)

    def derive(self, excs):
        return BaseExceptionGroup(self._message, excs)

    def _derive_with_meta(self, excs):
        eg = self.derive(excs)
        if not isinstance(eg, BaseExceptionGroup):
            raise TypeError("derive must return an instance of BaseExceptionGroup")
        _concsim.exc_copy_meta(self, eg)
        notes = self.__dict__.get("__notes__")
        if notes is not None:
            eg.__notes__ = notes
        return eg

    def _split(self, match):
        if match(self):
            return self, None
        matched, rest = [], []
        for e in self._exceptions:
            if isinstance(e, BaseExceptionGroup):
                m, r = e._split(match)
                if m is not None:
                    matched.append(m)
                if r is not None:
                    rest.append(r)
            elif match(e):
                matched.append(e)
            else:
                rest.append(e)
        m = self._derive_with_meta(matched) if matched else None
        r = self._derive_with_meta(rest) if rest else None
        return m, r

    def split(self, condition):
        return self._split(_matcher(condition))

    def subgroup(self, condition):
        return self._split(_matcher(condition))[0]


class ExceptionGroup(BaseExceptionGroup, Exception):
    __module__ = "builtins"


def _leaves(exc, out):
    if isinstance(exc, BaseExceptionGroup):
        for e in exc.exceptions:
            _leaves(e, out)
    else:
        out.append(exc)


def _split_star(exc, condition):
    # CPython's CHECK_EG_MATCH: (match, rest) of `exc` for an `except* condition` clause.
    # `exc` is None once earlier clauses took everything.
    if isinstance(condition, tuple):
        types = condition
    else:
        types = (condition,)
    for t in types:
        if not (isinstance(t, type) and issubclass(t, BaseException)):
            raise TypeError("catching classes that do not inherit from BaseException is not allowed")
        if issubclass(t, BaseExceptionGroup):
            raise TypeError("catching ExceptionGroup with except* is not allowed. Use except instead.")
    if exc is None:
        return None, None
    if not isinstance(exc, BaseExceptionGroup):
        # A naked exception: it is matched whole, wrapped in a group of its own.
        if isinstance(exc, condition):
            return BaseExceptionGroup("", (exc,)), None
        return None, exc
    return exc._split(lambda e: isinstance(e, condition))


def _prep_reraise_star(orig, excs):
    # What leaves an `except*` statement: `excs` holds what each handler raised and, last,
    # the unmatched rest. Parts of the original (a bare `raise`, the rest) keep its
    # structure; new exceptions go beside it in a new ExceptionGroup.
    excs = [e for e in excs if e is not None]
    if not excs:
        return None
    if not isinstance(orig, BaseExceptionGroup):
        return excs[0]
    raised, reraised = [], []
    for e in excs:
        if _concsim.exc_same_meta(e, orig):
            reraised.append(e)
        else:
            raised.append(e)
    keep = None
    if reraised:
        ids = []
        for e in reraised:
            _leaves(e, ids)
        ids = [id(e) for e in ids]
        keep = orig._split(lambda e: not isinstance(e, BaseExceptionGroup) and id(e) in ids)[0]
    if not raised:
        return keep
    if keep is not None:
        raised.append(keep)
    if len(raised) > 1:
        return BaseExceptionGroup("", raised)
    return raised[0]
