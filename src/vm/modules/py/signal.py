# signal: CPython's signal.py over the native _signal (handler table, alarm, pause, kill of
# this process), plus _run_handlers, the frame the kernel pushes in the main thread to run the
# handlers of pending signals at an instruction boundary (see vm/signals.rs).
# Invariant: the module-level constants are plain ints (concsim cannot subclass int yet, so
# they are not IntEnum members: repr(signal.SIGUSR1) is '10', not '<Signals.SIGUSR1: 10>');
# Signals(n), Signals.SIGTERM and Handlers.SIG_IGN are enum-like members that compare, hash
# and convert as their int.

import _signal
import sys as _sys
from _signal import *


class _IntEnumMember:
    # Signals(10) is a new member equal to Signals.SIGUSR1 (concsim has no object.__new__
    # to return the existing one).
    def __init__(self, value):
        for name, v in self._pairs:
            if v == value:
                self._name_ = name
                self._value_ = v
                return
        raise ValueError("%r is not a valid %s" % (value, type(self).__name__))

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return "<%s.%s: %d>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        if isinstance(other, _IntEnumMember):
            return self._value_ == other._value_
        return self._value_ == other

    def __ne__(self, other):
        return not self.__eq__(other)

    def __lt__(self, other):
        return self._value_ < int(other)

    def __le__(self, other):
        return self._value_ <= int(other)

    def __gt__(self, other):
        return self._value_ > int(other)

    def __ge__(self, other):
        return self._value_ >= int(other)

    def __neg__(self):
        return -self._value_

    def __add__(self, other):
        return self._value_ + other

    def __radd__(self, other):
        return other + self._value_

    def __sub__(self, other):
        return self._value_ - other

    def __rsub__(self, other):
        return other - self._value_

    def __bool__(self):
        return self._value_ != 0


class Signals(_IntEnumMember):
    _pairs = _signal._signals


class Handlers(_IntEnumMember):
    _pairs = [("SIG_DFL", 0), ("SIG_IGN", 1)]


class Sigmasks(_IntEnumMember):
    _pairs = [("SIG_BLOCK", 0), ("SIG_UNBLOCK", 1), ("SIG_SETMASK", 2)]


for _cls in (Signals, Handlers, Sigmasks):
    for _name, _v in _cls._pairs:
        setattr(_cls, _name, _cls(_v))
SIG_DFL = Handlers.SIG_DFL
SIG_IGN = Handlers.SIG_IGN
SIG_BLOCK = Sigmasks.SIG_BLOCK
SIG_UNBLOCK = Sigmasks.SIG_UNBLOCK
SIG_SETMASK = Sigmasks.SIG_SETMASK


def _int_to_enum(value, enum_klass):
    if isinstance(value, int):
        for name, v in enum_klass._pairs:
            if v == value:
                return getattr(enum_klass, name)
        return value
    return value


def _enum_to_int(value):
    if isinstance(value, _IntEnumMember):
        return value._value_
    return value


def signal(signalnum, handler):
    handler = _signal.signal(_enum_to_int(signalnum), _enum_to_int(handler))
    return _int_to_enum(handler, Handlers)


def getsignal(signalnum):
    handler = _signal.getsignal(_enum_to_int(signalnum))
    return _int_to_enum(handler, Handlers)


def strsignal(signalnum):
    return _signal.strsignal(_enum_to_int(signalnum))


def raise_signal(signalnum):
    return _signal.raise_signal(_enum_to_int(signalnum))


def pthread_kill(thread_id, signalnum):
    return _signal.pthread_kill(thread_id, _enum_to_int(signalnum))


def valid_signals():
    return set(_signal.valid_signals())


def _run_handlers(sigs, resleep_ns):
    # The handlers of the signals that arrived, in signal order, with the handler current
    # now (CPython skips a signal whose handler became SIG_DFL or SIG_IGN meanwhile); then an
    # interrupted sleep goes on for the time it had left (PEP 475).
    for s in sigs:
        h = _signal.getsignal(s)
        if callable(h):
            h(s, _sys._getframe(1))
    if resleep_ns is not None:
        _signal._sleep_ns(resleep_ns)
