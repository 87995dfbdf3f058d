# concsim's json: CPython 3.11's json package in one module: dumps/dump/loads/load,
# JSONEncoder (default/encode/iterencode), JSONDecoder (decode/raw_decode with object_hook,
# object_pairs_hook, parse_float, parse_int, parse_constant, strict) and JSONDecodeError
# (a ValueError with msg/doc/pos/lineno/colno, shown as json.decoder.JSONDecodeError).
# Invariant: the text dumps produces is CPython's byte for byte (float repr, escapes,
# separators, indentation), and loads accepts exactly what CPython accepts, failing with
# its message at its position. The encoder builds the chunk list eagerly; dump writes the
# chunks made before an error, as CPython's lazy iterencode does.
# Not supported: bytes in UTF-16/UTF-32 for loads; lone surrogates (\ud800 alone) decode
# to concsim's ValueError since its strings cannot hold them.

__all__ = ["dump", "dumps", "load", "loads", "JSONDecoder", "JSONDecodeError", "JSONEncoder"]


class JSONDecodeError(ValueError):
    __module__ = "json.decoder"

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        ValueError.__init__(self, "%s: line %d column %d (char %d)" % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


_ESC = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _esc_char(c, ascii_only):
    r = _ESC.get(c)
    if r is not None:
        return r
    n = ord(c)
    if n < 0x20 or (ascii_only and n > 0x7E):
        if n > 0xFFFF:
            n -= 0x10000
            return "\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF))
        return "\\u%04x" % n
    return c


def _encode_str(s, ascii_only):
    if '"' not in s and "\\" not in s and (s.isascii() or not ascii_only):
        if s.isprintable():
            return '"' + s + '"'
    return '"' + "".join([_esc_char(c, ascii_only) for c in s]) + '"'


def py_encode_basestring(s):
    return _encode_str(s, False)


def py_encode_basestring_ascii(s):
    return _encode_str(s, True)


encode_basestring = py_encode_basestring
encode_basestring_ascii = py_encode_basestring_ascii
_INF = float("inf")


class JSONEncoder(object):
    __module__ = "json.encoder"
    item_separator = ", "
    key_separator = ": "

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    def encode(self, o):
        if isinstance(o, str):
            return _encode_str(o, self.ensure_ascii)
        if type(self).iterencode is not JSONEncoder.iterencode:
            return "".join(self.iterencode(o, _one_shot=True))
        return "".join(self._chunks(o, []))

    def iterencode(self, o, _one_shot=False):
        return iter(self._chunks(o, []))

    def _floatstr(self, o):
        if o != o:
            text = "NaN"
        elif o == _INF:
            text = "Infinity"
        elif o == -_INF:
            text = "-Infinity"
        else:
            return repr(o)
        if not self.allow_nan:
            raise ValueError("Out of range float values are not JSON compliant")
        return text

    def _chunks(self, o, out):
        # Appends o's text to out in pieces (out holds what was made before any error).
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        markers = {} if self.check_circular else None
        ascii_only = self.ensure_ascii
        item_sep = self.item_separator
        key_sep = self.key_separator
        floatstr = self._floatstr
        default = self.default
        skipkeys = self.skipkeys
        sort_keys = self.sort_keys
        emit = out.append

        def scalar(v):
            if isinstance(v, str):
                return _encode_str(v, ascii_only)
            if v is None:
                return "null"
            if v is True:
                return "true"
            if v is False:
                return "false"
            if isinstance(v, int):
                return int.__repr__(v)
            if isinstance(v, float):
                return floatstr(v)
            return None

        def enter(v):
            if markers is not None:
                if id(v) in markers:
                    raise ValueError("Circular reference detected")
                markers[id(v)] = v

        def leave(v):
            if markers is not None:
                del markers[id(v)]

        def value(v, level):
            t = scalar(v)
            if t is not None:
                emit(t)
            elif isinstance(v, (list, tuple)):
                seq(v, level)
            elif isinstance(v, dict):
                mapping(v, level)
            elif _collection_kind(v) == 1:
                mapping(v, level)
            elif _collection_kind(v) == 2:
                seq(v, level)
            else:
                enter(v)
                value(default(v), level)
                leave(v)

        def seq(lst, level):
            if not lst:
                emit("[]")
                return
            enter(lst)
            buf = "["
            sep = item_sep
            if indent is not None:
                level += 1
                nl = "\n" + indent * level
                sep = item_sep + nl
                buf += nl
            first = True
            for v in lst:
                if first:
                    first = False
                else:
                    buf = sep
                t = scalar(v)
                if t is not None:
                    emit(buf + t)
                else:
                    emit(buf)
                    value(v, level)
            if indent is not None:
                emit("\n" + indent * (level - 1))
            emit("]")
            leave(lst)

        def mapping(dct, level):
            if not dct:
                emit("{}")
                return
            enter(dct)
            emit("{")
            sep = item_sep
            if indent is not None:
                level += 1
                nl = "\n" + indent * level
                sep = item_sep + nl
                emit(nl)
            first = True
            items = sorted(dct.items()) if sort_keys else dct.items()
            for key, v in items:
                if isinstance(key, str):
                    pass
                elif isinstance(key, float):
                    key = floatstr(key)
                elif key is True:
                    key = "true"
                elif key is False:
                    key = "false"
                elif key is None:
                    key = "null"
                elif isinstance(key, int):
                    key = int.__repr__(key)
                elif skipkeys:
                    continue
                else:
                    raise TypeError(f"keys must be str, int, float, bool or None, "
                                    f"not {key.__class__.__name__}")
                if first:
                    first = False
                else:
                    emit(sep)
                emit(_encode_str(key, ascii_only))
                emit(key_sep)
                value(v, level)
            if indent is not None:
                emit("\n" + indent * (level - 1))
            emit("}")
            leave(dct)

        value(o, 0)
        return out


def _collection_kind(v):
    # concsim's dict and tuple subclasses of collections are classes of their own: 1 for a
    # defaultdict, OrderedDict or Counter (dicts in CPython), 2 for a namedtuple, else 0.
    import collections as c
    if isinstance(v, (c.defaultdict, c.OrderedDict, c.Counter)):
        return 1
    return 2 if isinstance(v, c._NamedTupleBase) else 0


def _check_doc(s):
    if isinstance(s, str):
        if s.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
        return s
    if not isinstance(s, bytes):
        raise TypeError(f"the JSON object must be str, bytes or bytearray, "
                        f"not {s.__class__.__name__}")
    if s.startswith(b"\xef\xbb\xbf"):
        return s[3:].decode("utf-8")
    if len(s) >= 2 and (s[0] == 0 or s[1] == 0 or s[:2] in (b"\xff\xfe", b"\xfe\xff")):
        raise NotImplementedError("concsim does not support UTF-16 or UTF-32 JSON documents yet")
    return s.decode("utf-8")


_WS = " \t\n\r"
_DIGITS = "0123456789"
_BACKSLASH = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_HEX = "0123456789abcdefABCDEF"


def _skip_ws(s, i):
    n = len(s)
    while i < n and s[i] in _WS:
        i += 1
    return i


def _hex4(s, pos):
    esc = s[pos + 2:pos + 6]
    if len(esc) == 4:
        for c in esc:
            if c not in _HEX:
                break
        else:
            return int(esc, 16)
    raise JSONDecodeError("Invalid \\uXXXX escape", s, pos + 1)


def scanstring(s, end, strict=True):
    # s[end] follows an opening quote; returns (the string, index after the closing quote).
    begin = end - 1
    parts = []
    while True:
        q = s.find('"', end)
        if q < 0:
            raise JSONDecodeError("Unterminated string starting at", s, begin)
        b = s.find("\\", end, q)
        stop = q if b < 0 else b
        chunk = s[end:stop]
        if strict and not chunk.isprintable():
            for k in range(len(chunk)):
                if chunk[k] < " ":
                    raise JSONDecodeError("Invalid control character at", s, end + k)
        parts.append(chunk)
        if b < 0:
            return "".join(parts), q + 1
        end = b + 1
        if end >= len(s):
            raise JSONDecodeError("Unterminated string starting at", s, begin)
        esc = s[end]
        if esc != "u":
            c = _BACKSLASH.get(esc)
            if c is None:
                raise JSONDecodeError("Invalid \\escape", s, b)
            parts.append(c)
            end += 1
            continue
        uni = _hex4(s, b)
        end = b + 6
        if 0xD800 <= uni <= 0xDBFF and s[end:end + 2] == "\\u":
            uni2 = _hex4(s, end)
            if 0xDC00 <= uni2 <= 0xDFFF:
                uni = 0x10000 + (((uni - 0xD800) << 10) | (uni2 - 0xDC00))
                end += 6
        parts.append(chr(uni))


class JSONDecoder(object):
    __module__ = "json.decoder"

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        obj, end = self.raw_decode(s, _skip_ws(s, 0))
        end = _skip_ws(s, end)
        if end != len(s):
            raise JSONDecodeError("Extra data", s, end)
        return obj

    def raw_decode(self, s, idx=0):
        r = self._value(s, idx)
        if r is None:
            raise JSONDecodeError("Expecting value", s, idx)
        return r

    def _value(self, s, i):
        # (value, end) for the value at s[i], or None when none starts there.
        if i >= len(s):
            return None
        c = s[i]
        if c == '"':
            return scanstring(s, i + 1, self.strict)
        if c == "{":
            return self._object(s, i + 1)
        if c == "[":
            return self._array(s, i + 1)
        if c in "-0123456789":
            return self._number(s, i)
        for word, v in _WORDS:
            if c == word[0] and s.startswith(word, i):
                if v is _CONST:
                    return self.parse_constant(word), i + len(word)
                return v, i + len(word)
        return None

    def _number(self, s, i):
        n = len(s)
        j = i + 1 if s[i] == "-" else i
        if j >= n or s[j] not in _DIGITS:
            if s.startswith("-Infinity", i):
                return self.parse_constant("-Infinity"), i + 9
            return None
        if s[j] == "0":
            j += 1
        else:
            while j < n and s[j] in _DIGITS:
                j += 1
        is_float = False
        if j + 1 < n and s[j] == "." and s[j + 1] in _DIGITS:
            j += 2
            while j < n and s[j] in _DIGITS:
                j += 1
            is_float = True
        if j < n and s[j] in "eE":
            k = j + 1
            if k < n and s[k] in "+-":
                k += 1
            if k < n and s[k] in _DIGITS:
                while k < n and s[k] in _DIGITS:
                    k += 1
                j = k
                is_float = True
        text = s[i:j]
        return (self.parse_float(text) if is_float else self.parse_int(text)), j

    def _object(self, s, end):
        pairs = []
        end = _skip_ws(s, end)
        nextchar = s[end:end + 1]
        if nextchar != '"':
            if nextchar != "}":
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, end)
            end += 1
        else:
            end += 1
            while True:
                key, end = scanstring(s, end, self.strict)
                if s[end:end + 1] != ":":
                    end = _skip_ws(s, end)
                    if s[end:end + 1] != ":":
                        raise JSONDecodeError("Expecting ':' delimiter", s, end)
                end = _skip_ws(s, end + 1)
                r = self._value(s, end)
                if r is None:
                    raise JSONDecodeError("Expecting value", s, end)
                pairs.append((key, r[0]))
                end = _skip_ws(s, r[1])
                nextchar = s[end:end + 1]
                end += 1
                if nextchar == "}":
                    break
                if nextchar != ",":
                    raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
                end = _skip_ws(s, end)
                nextchar = s[end:end + 1]
                end += 1
                if nextchar != '"':
                    raise JSONDecodeError(
                        "Expecting property name enclosed in double quotes", s, end - 1)
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs), end
        obj = dict(pairs)
        if self.object_hook is not None:
            obj = self.object_hook(obj)
        return obj, end

    def _array(self, s, end):
        values = []
        end = _skip_ws(s, end)
        if s[end:end + 1] == "]":
            return values, end + 1
        while True:
            r = self._value(s, end)
            if r is None:
                raise JSONDecodeError("Expecting value", s, end)
            values.append(r[0])
            end = _skip_ws(s, r[1])
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == "]":
                return values, end
            if nextchar != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip_ws(s, end)


_CONST = object()
_CONSTANTS = {"NaN": float("nan"), "Infinity": _INF, "-Infinity": -_INF}
_WORDS = (("null", None), ("true", True), ("false", False), ("NaN", _CONST),
          ("Infinity", _CONST))


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
         cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    if cls is None:
        cls = JSONEncoder
    enc = cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
              allow_nan=allow_nan, indent=indent, separators=separators, default=default,
              sort_keys=sort_keys, **kw)
    if isinstance(enc, JSONEncoder) and type(enc).iterencode is JSONEncoder.iterencode:
        out = []
        try:
            enc._chunks(obj, out)
        finally:
            for chunk in out:
                fp.write(chunk)
    else:
        for chunk in enc.iterencode(obj):
            fp.write(chunk)


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, **kw):
    s = _check_doc(s)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw["object_hook"] = object_hook
    if object_pairs_hook is not None:
        kw["object_pairs_hook"] = object_pairs_hook
    if parse_float is not None:
        kw["parse_float"] = parse_float
    if parse_int is not None:
        kw["parse_int"] = parse_int
    if parse_constant is not None:
        kw["parse_constant"] = parse_constant
    return cls(**kw).decode(s)


def load(fp, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
         parse_constant=None, object_pairs_hook=None, **kw):
    return loads(fp.read(), cls=cls, object_hook=object_hook, parse_float=parse_float,
                 parse_int=parse_int, parse_constant=parse_constant,
                 object_pairs_hook=object_pairs_hook, **kw)
