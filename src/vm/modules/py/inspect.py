# inspect: CPython 3.11's introspection of live objects as far as concsim's VM records them:
# the is*() predicates, signature() (Signature, Parameter, BoundArguments with bind and
# bind_partial), getsource/getsourcelines/getdoc/cleandoc/getfile/getmodule/getmembers, and
# currentframe()/stack() as read-only frame records (code name, file, line, f_back).
# Invariant: everything is computed from the object when asked (func_info reads a function's
# compiled parameters), so a signature never disagrees with how the call binds.
# Not supported: frames' f_locals/f_globals (and f_lineno is the line when the frame record was
# taken, not a live frame's current line), signatures of builtins (ValueError, as CPython for
# builtins without text signatures), getclosurevars, getcallargs, the source of a class whose
# name two classes of its file share, of lambdas sharing a line, and tracebacks' frames.

import _concsim

__all__ = ["Signature", "Parameter", "BoundArguments", "signature", "isfunction", "ismethod",
           "isclass", "ismodule", "isbuiltin", "isroutine", "iscoroutinefunction",
           "isgeneratorfunction", "isasyncgenfunction", "iscoroutine", "isgenerator",
           "isasyncgen", "isawaitable", "isabstract", "getsource", "getsourcelines", "getdoc",
           "cleandoc", "getfile", "getmodule", "getmembers", "currentframe", "stack",
           "unwrap", "getmro", "iscode", "isframe", "istraceback"]

CO_VARARGS = 4
CO_VARKEYWORDS = 8
CO_GENERATOR = 0x20
CO_COROUTINE = 0x80
CO_ASYNC_GENERATOR = 0x200


def _info(obj):
    return _concsim.func_info(obj)


def _flags(obj):
    while ismethod(obj):
        obj = obj.__func__
    i = _info(unwrap(obj)) if isfunction(obj) else None
    return i[5] if i else 0


def isfunction(obj):
    return type(obj).__name__ == "function"


def ismethod(obj):
    return type(obj).__name__ == "method"


def isclass(obj):
    return isinstance(obj, type)


def ismodule(obj):
    return type(obj).__name__ == "module"


def isbuiltin(obj):
    return type(obj).__name__ == "builtin_function_or_method"


def isroutine(obj):
    return isfunction(obj) or ismethod(obj) or isbuiltin(obj)


def iscode(obj):
    return type(obj).__name__ == "code"


def isframe(obj):
    return isinstance(obj, FrameType)


def istraceback(obj):
    return type(obj).__name__ == "traceback"


def _has_flag(obj, flag):
    while ismethod(obj):
        obj = obj.__func__
    if not isfunction(obj):
        return False
    return bool(_info(obj)[5] & flag)


def isgeneratorfunction(obj):
    return _has_flag(obj, CO_GENERATOR)


def iscoroutinefunction(obj):
    return _has_flag(obj, CO_COROUTINE) and not _has_flag(obj, CO_ASYNC_GENERATOR)


def isasyncgenfunction(obj):
    return _has_flag(obj, CO_ASYNC_GENERATOR)


def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"


def isgenerator(obj):
    return type(obj).__name__ == "generator"


def isasyncgen(obj):
    return type(obj).__name__ == "async_generator"


def isawaitable(obj):
    return iscoroutine(obj) or hasattr(type(obj), "__await__")


def isabstract(obj):
    return isinstance(obj, type) and bool(getattr(obj, "__abstractmethods__", False))


def getmro(cls):
    return cls.__mro__


def unwrap(func, *, stop=None):
    f = func
    seen = 0
    while hasattr(f, "__wrapped__") and not (stop is not None and stop(f)):
        f = f.__wrapped__
        seen += 1
        if seen > 1000:
            raise ValueError("wrapper loop when unwrapping %r" % func)
    return f


class _empty:
    """Marker object for Signature.empty and Parameter.empty."""


class _void:
    pass


class _ParameterKind:
    def __init__(self, value, name, description):
        self.value = value
        self.name = name
        self.description = description

    def __repr__(self):
        return "<_ParameterKind.%s: %d>" % (self.name, self.value)

    def __str__(self):
        return self.name

    def __lt__(self, other):
        return self.value < other.value

    def __le__(self, other):
        return self.value <= other.value

    def __gt__(self, other):
        return self.value > other.value

    def __ge__(self, other):
        return self.value >= other.value

    def __hash__(self):
        return self.value


POSITIONAL_ONLY = _ParameterKind(0, "POSITIONAL_ONLY", "positional-only")
POSITIONAL_OR_KEYWORD = _ParameterKind(1, "POSITIONAL_OR_KEYWORD", "positional or keyword")
VAR_POSITIONAL = _ParameterKind(2, "VAR_POSITIONAL", "variadic positional")
KEYWORD_ONLY = _ParameterKind(3, "KEYWORD_ONLY", "keyword-only")
VAR_KEYWORD = _ParameterKind(4, "VAR_KEYWORD", "variadic keyword")


def _formatannotation(annotation):
    if isinstance(annotation, type):
        if annotation.__module__ == "builtins":
            return annotation.__qualname__
        return annotation.__module__ + "." + annotation.__qualname__
    return repr(annotation)


class Parameter:
    POSITIONAL_ONLY = POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = VAR_POSITIONAL
    KEYWORD_ONLY = KEYWORD_ONLY
    VAR_KEYWORD = VAR_KEYWORD
    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        if not isinstance(kind, _ParameterKind):
            raise ValueError("value %r is not a valid Parameter.kind" % (kind,))
        if default is not _empty and kind in (VAR_POSITIONAL, VAR_KEYWORD):
            raise ValueError("%s parameters cannot have default values" % kind.description)
        if not isinstance(name, str):
            raise TypeError("name must be a str, not a %s" % type(name).__name__)
        if not name.isidentifier():
            raise ValueError("%r is not a valid parameter name" % name)
        self._name = name
        self._kind = kind
        self._default = default
        self._annotation = annotation

    name = property(lambda self: self._name)
    kind = property(lambda self: self._kind)
    default = property(lambda self: self._default)
    annotation = property(lambda self: self._annotation)

    def replace(self, *, name=_void, kind=_void, annotation=_void, default=_void):
        return Parameter(self._name if name is _void else name,
                         self._kind if kind is _void else kind,
                         default=self._default if default is _void else default,
                         annotation=self._annotation if annotation is _void else annotation)

    def __str__(self):
        s = self._name
        if self._annotation is not _empty:
            s = "%s: %s" % (s, _formatannotation(self._annotation))
        if self._default is not _empty:
            if self._annotation is not _empty:
                s = "%s = %r" % (s, self._default)
            else:
                s = "%s=%r" % (s, self._default)
        if self._kind is VAR_POSITIONAL:
            s = "*" + s
        elif self._kind is VAR_KEYWORD:
            s = "**" + s
        return s

    def __repr__(self):
        return '<%s "%s">' % (type(self).__name__, self)

    def __eq__(self, other):
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name == other._name and self._kind is other._kind
                and self._default == other._default and self._annotation == other._annotation)

    def __hash__(self):
        return hash((self._name, self._kind.value))


class BoundArguments:
    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    signature = property(lambda self: self._signature)

    @property
    def args(self):
        args = []
        for name, p in self._signature.parameters.items():
            if p.kind in (VAR_KEYWORD, KEYWORD_ONLY):
                break
            if name not in self.arguments:
                break
            if p.kind is VAR_POSITIONAL:
                args.extend(self.arguments[name])
            else:
                args.append(self.arguments[name])
        return tuple(args)

    @property
    def kwargs(self):
        kwargs = {}
        started = False
        for name, p in self._signature.parameters.items():
            if not started:
                if p.kind in (VAR_KEYWORD, KEYWORD_ONLY):
                    started = True
                elif name not in self.arguments:
                    started = True
                    continue
            if not started or name not in self.arguments:
                continue
            if p.kind is VAR_KEYWORD:
                kwargs.update(self.arguments[name])
            elif p.kind is not VAR_POSITIONAL:
                kwargs[name] = self.arguments[name]
        return kwargs

    def apply_defaults(self):
        new = {}
        for name, p in self._signature.parameters.items():
            if name in self.arguments:
                new[name] = self.arguments[name]
            elif p.default is not _empty:
                new[name] = p.default
            elif p.kind is VAR_POSITIONAL:
                new[name] = ()
            elif p.kind is VAR_KEYWORD:
                new[name] = {}
        self.arguments = new

    def __eq__(self, other):
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self.signature == other.signature and self.arguments == other.arguments

    def __repr__(self):
        return "<%s (%s)>" % (type(self).__name__,
                              ", ".join("%s=%r" % kv for kv in self.arguments.items()))


class Signature:
    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty, __validate_parameters__=True):
        params = {}
        if parameters is not None:
            top = POSITIONAL_ONLY
            seen_default = False
            for p in parameters:
                if p.kind < top:
                    raise ValueError("wrong parameter order: %s parameter before %s parameter"
                                     % (top.description, p.kind.description))
                top = p.kind
                if p.kind in (POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD):
                    if p.default is _empty:
                        if seen_default:
                            raise ValueError("non-default argument follows default argument")
                    else:
                        seen_default = True
                if p.name in params:
                    raise ValueError("duplicate parameter name: %r" % p.name)
                params[p.name] = p
        self._parameters = params
        self._return_annotation = return_annotation

    parameters = property(lambda self: dict(self._parameters))
    return_annotation = property(lambda self: self._return_annotation)

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True):
        return signature(obj, follow_wrapped=follow_wrapped)

    def replace(self, *, parameters=_void, return_annotation=_void):
        return Signature(list(self._parameters.values()) if parameters is _void else parameters,
                         return_annotation=self._return_annotation
                         if return_annotation is _void else return_annotation)

    def __eq__(self, other):
        if not isinstance(other, Signature):
            return NotImplemented
        return (self._return_annotation == other._return_annotation
                and list(self._parameters.values()) == list(other._parameters.values()))

    def __str__(self):
        out = []
        slash = False
        star = True
        for p in self._parameters.values():
            if p.kind is POSITIONAL_ONLY:
                slash = True
            elif slash:
                out.append("/")
                slash = False
            if p.kind is VAR_POSITIONAL:
                star = False
            elif p.kind is KEYWORD_ONLY and star:
                out.append("*")
                star = False
            out.append(str(p))
        if slash:
            out.append("/")
        s = "(%s)" % ", ".join(out)
        if self._return_annotation is not _empty:
            s += " -> " + _formatannotation(self._return_annotation)
        return s

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self)

    def _bind(self, args, kwargs, partial):
        arguments = {}
        params = list(self._parameters.values())
        i = 0
        kwargs = dict(kwargs)
        args = list(args)
        while True:
            if not args:
                break
            if i >= len(params):
                raise TypeError("too many positional arguments")
            p = params[i]
            if p.kind in (VAR_KEYWORD, KEYWORD_ONLY):
                raise TypeError("too many positional arguments")
            if p.kind is VAR_POSITIONAL:
                arguments[p.name] = tuple(args)
                args = []
                i += 1
                break
            if p.name in kwargs and p.kind is not POSITIONAL_ONLY:
                raise TypeError("multiple values for argument %r" % p.name)
            arguments[p.name] = args.pop(0)
            i += 1
        kw_param = None
        for p in params[i:]:
            if p.kind is VAR_KEYWORD:
                kw_param = p
                continue
            if p.kind is VAR_POSITIONAL:
                continue
            if p.kind is POSITIONAL_ONLY and p.name in kwargs:
                if kw_param is None and not any(q.kind is VAR_KEYWORD for q in params):
                    raise TypeError("%r parameter is positional only, but was passed as a "
                                    "keyword" % p.name)
                continue
            if p.name in kwargs:
                arguments[p.name] = kwargs.pop(p.name)
            elif not partial and p.default is _empty:
                raise TypeError("missing a required argument: %r" % p.name)
        if kwargs:
            if kw_param is None:
                for q in params:
                    if q.kind is VAR_KEYWORD:
                        kw_param = q
            if kw_param is not None:
                arguments[kw_param.name] = kwargs
            else:
                raise TypeError("got an unexpected keyword argument %r" % next(iter(kwargs)))
        return BoundArguments(self, arguments)

    def bind(self, /, *args, **kwargs):
        return self._bind(args, kwargs, False)

    def bind_partial(self, /, *args, **kwargs):
        return self._bind(args, kwargs, True)


def _function_signature(func, skip_first):
    name, qualname, argc, kwonly, varnames, flags, _f, _l, kwdefaults = _info(func)
    ann = getattr(func, "__annotations__", None) or {}
    defaults = getattr(func, "__defaults__", None) or ()
    kwd = dict(kwdefaults)
    params = []
    first_default = argc - len(defaults)
    for k in range(argc):
        n = varnames[k]
        d = defaults[k - first_default] if k >= first_default else _empty
        params.append(Parameter(n, POSITIONAL_OR_KEYWORD, default=d, annotation=ann.get(n, _empty)))
    at = argc
    star = None
    if flags & 1:
        star = varnames[argc + kwonly]
    for k in range(kwonly):
        n = varnames[at + k]
        params.append(Parameter(n, KEYWORD_ONLY, default=kwd.get(n, _empty),
                                annotation=ann.get(n, _empty)))
    if star is not None:
        params.insert(argc, Parameter(star, VAR_POSITIONAL, annotation=ann.get(star, _empty)))
    if flags & 2:
        n = varnames[argc + kwonly + (1 if flags & 1 else 0)]
        params.append(Parameter(n, VAR_KEYWORD, annotation=ann.get(n, _empty)))
    if skip_first:
        if not params or params[0].kind not in (POSITIONAL_OR_KEYWORD, POSITIONAL_ONLY):
            if params and params[0].kind is VAR_POSITIONAL:
                pass
            else:
                raise ValueError("invalid method signature")
        else:
            params = params[1:]
    return Signature(params, return_annotation=ann.get("return", _empty))


def signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False):
    if not callable(obj):
        raise TypeError("%r is not a callable object" % (obj,))
    sig = getattr(obj, "__signature__", None)
    if isinstance(sig, Signature):
        return sig
    if ismethod(obj):
        return _function_signature(unwrap(obj.__func__) if follow_wrapped else obj.__func__, True)
    if isfunction(obj):
        if follow_wrapped:
            obj = unwrap(obj)
            sig = getattr(obj, "__signature__", None)
            if isinstance(sig, Signature):
                return sig
        if isfunction(obj):
            return _function_signature(obj, False)
    if type(obj).__name__ == "partial":
        inner = signature(obj.func)
        ba = inner.bind_partial(*obj.args, **obj.keywords)
        params = []
        for p in inner.parameters.values():
            if p.name in ba.arguments and p.kind is not VAR_KEYWORD and p.kind is not VAR_POSITIONAL:
                if p.name in obj.keywords:
                    params.append(p.replace(default=ba.arguments[p.name], kind=KEYWORD_ONLY))
                continue
            if params and params[-1].kind is KEYWORD_ONLY and p.kind is POSITIONAL_OR_KEYWORD:
                p = p.replace(kind=KEYWORD_ONLY)
            params.append(p)
        return Signature(params, return_annotation=inner.return_annotation)
    if isinstance(obj, type):
        for name in ("__init__", "__new__"):
            for base in obj.__mro__:
                if base is object:
                    break
                f = base.__dict__.get(name)
                if f is not None:
                    if isinstance(f, staticmethod):
                        f = f.__func__
                    if isfunction(f):
                        return _function_signature(unwrap(f), True)
        if obj.__mro__[1:2] == (object,) or len(obj.__mro__) <= 2:
            return Signature()
        raise ValueError("no signature found for builtin type %r" % obj)
    call = getattr(type(obj), "__call__", None)
    if call is not None and isfunction(call):
        return _function_signature(unwrap(call), True)
    raise ValueError("no signature found for builtin %r" % (obj,))


def _class_lines(cls):
    # A class's source: the one `class NAME` statement of its module's file (the program's
    # files only); two classes of that name in the file are refused rather than guessed.
    m = _concsim.imported(cls.__module__)
    f = getattr(m, "__file__", None) if m is not None else None
    text = _concsim.source_text(f) if f else None
    if text is None and cls.__module__ == "__main__":
        frames = [r[0] for r in _concsim.caller_frames() if not r[0].startswith("<frozen")]
        text = _concsim.source_text(frames[-1]) if frames else None
    if text is None:
        raise OSError("could not find class definition")
    lines = text.splitlines(True)
    name = cls.__name__
    found = []
    for k, line in enumerate(lines):
        s = line.lstrip()
        if s.startswith("class " + name) and s[6 + len(name):7 + len(name)] in ("(", ":"):
            found.append(k)
    if not found:
        raise OSError("could not find class definition")
    if len(found) > 1:
        raise NotImplementedError("concsim's inspect cannot tell apart the classes named %r "
                                  "in one file yet" % name)
    return lines, found[0] + 1


def _code_of(obj):
    obj = unwrap(obj)
    while ismethod(obj):
        obj = obj.__func__
    obj = unwrap(obj)
    if not isfunction(obj):
        raise TypeError("module, class, method, function, traceback, frame, or code object was "
                        "expected, got %s" % type(obj).__name__)
    return _info(obj)


def getfile(obj):
    if ismodule(obj):
        f = getattr(obj, "__file__", None)
        if f is None:
            raise TypeError("%r is a built-in module" % obj)
        return f
    if isclass(obj):
        m = _concsim.imported(obj.__module__)
        if m is not None and getattr(m, "__file__", None):
            return m.__file__
        raise TypeError("%r is a built-in class" % obj)
    return _code_of(obj)[6]


def getsourcefile(obj):
    return getfile(obj)


def getmodule(obj, _filename=None):
    if ismodule(obj):
        return obj
    name = getattr(obj, "__module__", None)
    if name is not None:
        return _concsim.imported(name)
    return None


def getsourcelines(obj):
    if isclass(obj):
        lines, first = _class_lines(obj)
    else:
        info = _code_of(obj)
        text = _concsim.source_text(info[6])
        if text is None:
            raise OSError("could not get source code")
        lines = text.splitlines(True)
        first = info[7]
    start = first - 1
    while start > 0 and lines[start - 1].lstrip().startswith("@"):
        start -= 1
    first = lines[start]
    indent = len(first) - len(first.lstrip())
    end = start + 1
    while end < len(lines) and lines[start + (end - start) - 1].rstrip().endswith(("\\", ",", "(")):
        end += 1
    while end < len(lines) and lines[end].lstrip().startswith("@"):
        end += 1
    body_started = False
    k = start
    while k < len(lines):
        s = lines[k]
        if k > start and s.strip() and (len(s) - len(s.lstrip())) <= indent and body_started:
            break
        if s.rstrip().endswith(":") or (k > start and s.strip()):
            body_started = True
        if k == start and ":" in s and s.split(":", 1)[1].strip() and not s.rstrip().endswith(":"):
            k += 1
            break
        k += 1
    while k > start + 1 and not lines[k - 1].strip():
        k -= 1
    return lines[start:k], start + 1


def getsource(obj):
    return "".join(getsourcelines(obj)[0])


def cleandoc(doc):
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def getdoc(obj):
    doc = getattr(obj, "__doc__", None)
    if doc is None and isclass(obj):
        for base in obj.__mro__[1:]:
            if base is object:
                break
            doc = base.__dict__.get("__doc__")
            if doc is not None:
                break
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


def getmembers(obj, predicate=None):
    out = []
    for name in dir(obj):
        try:
            value = getattr(obj, name)
        except AttributeError:
            continue
        if predicate is None or predicate(value):
            out.append((name, value))
    out.sort(key=lambda kv: kv[0])
    return out


class _Code:
    def __init__(self, name, filename):
        self.co_name = name
        self.co_filename = filename

    def __repr__(self):
        return '<code object %s, file "%s">' % (self.co_name, self.co_filename)


class FrameType:
    def __init__(self, records, k):
        self._records = records
        self._k = k
        name, line, fn = records[k][0], records[k][1], records[k][2]
        self.f_code = _Code(fn, name)
        self.f_lineno = line

    @property
    def f_back(self):
        if self._k + 1 < len(self._records):
            return FrameType(self._records, self._k + 1)
        return None

    def __repr__(self):
        return "<frame, file '%s', line %d, code %s>" % (self.f_code.co_filename, self.f_lineno,
                                                        self.f_code.co_name)


class FrameInfo:
    def __init__(self, frame, filename, lineno, function, code_context, index):
        self.frame = frame
        self.filename = filename
        self.lineno = lineno
        self.function = function
        self.code_context = code_context
        self.index = index

    def __iter__(self):
        return iter((self.frame, self.filename, self.lineno, self.function, self.code_context,
                     self.index))

    def __getitem__(self, i):
        return tuple(self)[i]

    def __len__(self):
        return 6

    def __repr__(self):
        return ("FrameInfo(frame=%r, filename=%r, lineno=%r, function=%r, code_context=%r, "
                "index=%r)" % tuple(self))


def _records():
    recs = [r for r in _concsim.caller_frames() if not r[0].startswith("<frozen")]
    return recs


def currentframe():
    recs = _records()
    return FrameType(recs, 0) if recs else None


def _context(filename, lineno):
    text = _concsim.source_text(filename)
    if text is None:
        return None, None
    lines = text.splitlines(True)
    if 0 < lineno <= len(lines):
        return [lines[lineno - 1]], 0
    return None, None


def stack(context=1):
    recs = _records()
    out = []
    for k in range(len(recs)):
        ctx, index = _context(recs[k][0], recs[k][1]) if context else (None, None)
        out.append(FrameInfo(FrameType(recs, k), recs[k][0], recs[k][1], recs[k][2], ctx, index))
    return out


def getframeinfo(frame, context=1):
    ctx, index = _context(frame.f_code.co_filename, frame.f_lineno) if context else (None, None)
    return FrameInfo(None, frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name, ctx,
                     index)


def getouterframes(frame, context=1):
    out = []
    while frame is not None:
        ctx, index = _context(frame.f_code.co_filename, frame.f_lineno) if context else (None, None)
        out.append(FrameInfo(frame, frame.f_code.co_filename, frame.f_lineno,
                             frame.f_code.co_name, ctx, index))
        frame = frame.f_back
    return out
