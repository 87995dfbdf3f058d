# warnings: warn, the filters (simplefilter, filterwarnings, resetwarnings), catch_warnings,
# showwarning/formatwarning, in CPython 3.11's design: a warning is matched against `filters`
# in order; the first match's action decides ("default" shows it once per location, "module"
# once per module, "once" once at all, "always", "ignore", "error" raises it).
# Invariant: a location's "already shown" record is forgotten whenever the filters change
# (CPython's _filters_mutated); the default filters are CPython's (DeprecationWarning shown
# only when it is attributed to __main__).
# Not supported: regular expressions in the message/module fields of filterwarnings unless
# the `re` module exists (plain text is matched as CPython would: case-insensitive prefix of
# the message, exact module name); -W options and PYTHONWARNINGS; a warning's module is
# derived from its file name (the main script is __main__).

import sys
import _concsim

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings"]

_ACTIONS = ("error", "ignore", "always", "default", "module", "once")
_lines = {}


def _getline(filename, lineno):
    if filename not in _lines:
        try:
            with open(filename) as f:
                _lines[filename] = f.read().splitlines()
        except Exception:
            _lines[filename] = None
    lines = _lines[filename]
    if lines is None or not 0 < lineno <= len(lines):
        return ""
    return lines[lineno - 1]


class WarningMessage:
    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file", "line", "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def formatwarning(message, category, filename, lineno, line=None):
    s = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line is None:
        line = _getline(filename, lineno)
    line = line.strip()
    if line:
        s += "  %s\n" % line
    return s


def _showwarning_orig(message, category, filename, lineno, file=None, line=None):
    if file is None:
        file = sys.stderr
        if file is None:
            return
    try:
        file.write(formatwarning(message, category, filename, lineno, line))
    except OSError:
        pass


showwarning = _showwarning_orig


def _showwarnmsg(msg):
    if showwarning is not _showwarning_orig:
        if not callable(showwarning):
            raise TypeError("warnings.showwarning() must be set to a function or method")
        showwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarning_orig(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)


filters = []
defaultaction = "default"
onceregistry = {}
_registries = {}
_version = [1]


def _filters_mutated():
    _version[0] += 1


def _add_filter(item, append):
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_mutated()


def _check_filter_args(action, category, lineno):
    if action not in _ACTIONS:
        raise AssertionError("invalid action: %r" % (action,))
    if not isinstance(lineno, int):
        raise AssertionError("lineno must be an int")
    if lineno < 0:
        raise AssertionError("lineno must be an int >= 0")


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    _check_filter_args(action, category, lineno)
    if not isinstance(message, str):
        raise AssertionError("message must be a string")
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise AssertionError("category must be a Warning subclass")
    if not isinstance(module, str):
        raise AssertionError("module must be a string")
    _add_filter((action, message or None, category, module or None, lineno), append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    _check_filter_args(action, category, lineno)
    _add_filter((action, None, category, None, lineno), append)


def resetwarnings():
    filters[:] = []
    _filters_mutated()


def _is_plain(pattern):
    for ch in ".^$*+?{}[]\\|()":
        if ch in pattern:
            return False
    return True


def _match(pattern, text, is_message):
    if pattern is None:
        return True
    if _is_plain(pattern):
        if is_message:
            return text.lower().startswith(pattern.lower())
        return text == pattern
    try:
        import re
    except ImportError:
        raise NotImplementedError("concsim does not support regular expressions in warning filters yet")
    if is_message:
        return re.compile(pattern, re.I).match(text) is not None
    return re.compile(pattern + r"\Z").match(text) is not None


def _module_of(filename):
    main = _concsim.imported("__main__")
    if filename == getattr(main, "__file__", None):
        return "__main__"
    if filename.startswith("<frozen ") and filename.endswith(">"):
        return filename[8:-1]
    name = filename.replace("\\", "/").split("/")[-1]
    if name.endswith(".py"):
        name = name[:-3]
    return name


def _caller(stacklevel):
    frames = _concsim.caller_frames()
    i = 0
    n = len(frames)
    while i < n and frames[i][0] == "<frozen warnings>":
        i += 1
    i += stacklevel - 1
    if stacklevel < 1 or i >= n:
        return "sys", 1
    return frames[i][0], frames[i][1]


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    filename, lineno = _caller(stacklevel)
    module = _module_of(filename)
    registry = _registries.setdefault(module, {})
    warn_explicit(message, category, filename, lineno, module, registry, None, source)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if registry is None:
        registry = {}
    if registry.get("version", 0) != _version[0]:
        registry.clear()
        registry["version"] = _version[0]
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry.get(key):
        return
    for item in filters:
        action, msg, cat, mod, ln = item
        if (_match(msg, text, True) and issubclass(category, cat)
                and _match(mod, module, False) and (ln == 0 or lineno == ln)):
            break
    else:
        action = defaultaction
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        registry[key] = 1
        oncekey = (text, category)
        if onceregistry.get(oncekey):
            return
        onceregistry[oncekey] = 1
    elif action == "module":
        registry[key] = 1
        altkey = (text, category, 0)
        if registry.get(altkey):
            return
        registry[altkey] = 1
    elif action == "default":
        registry[key] = 1
    elif action != "always":
        raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %s" % (action, item))
    _showwarnmsg(WarningMessage(message, category, filename, lineno, source=source))


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._entered = False
        self._filter = None if action is None else (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        global showwarning
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        self._filters = filters[:]
        _filters_mutated()
        self._showwarning = showwarning
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []

            def _record(message, category, filename, lineno, file=None, line=None):
                log.append(WarningMessage(message, category, filename, lineno, file, line))
            showwarning = _record
            return log
        return None

    def __exit__(self, *exc_info):
        global showwarning
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        filters[:] = self._filters
        _filters_mutated()
        showwarning = self._showwarning


def _default_filters():
    filters.append(("default", None, DeprecationWarning, "__main__", 0))
    for cat in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        filters.append(("ignore", None, cat, None, 0))


_default_filters()
