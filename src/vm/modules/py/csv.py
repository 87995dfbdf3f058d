# concsim's csv: CPython 3.11's csv module and the _csv C module under it, in one file:
# reader (the C parser's state machine, character by character), writer (writerow,
# writerows), the dialects (_csv.Dialect, validated as CPython validates them; the Python
# Dialect, excel, excel_tab, unix_dialect; register/get/list/unregister_dialect),
# field_size_limit, the QUOTE_* constants, Error (named _csv.Error as in CPython),
# DictReader and DictWriter, over any iterable of str lines and any object with write()
# (open() files, io.StringIO).
# Invariant: a reader returns exactly one row per call, consuming lines until the parser is
# back at the start of a record; a writer writes each row with one write() call.
# Not supported: csv.Sniffer (NotImplementedError).

__all__ = ["QUOTE_MINIMAL", "QUOTE_ALL", "QUOTE_NONNUMERIC", "QUOTE_NONE",
           "Error", "Dialect", "__doc__", "excel", "excel_tab",
           "field_size_limit", "reader", "writer",
           "register_dialect", "get_dialect", "list_dialects", "Sniffer",
           "unregister_dialect", "__version__", "DictReader", "DictWriter",
           "unix_dialect"]

__version__ = "1.0"

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = range(4)

_dialects = {}
_limit = [128 * 1024]


class Error(Exception):
    __module__ = "_csv"


_MISSING = object()
_FIELDS = ("delimiter", "doublequote", "escapechar", "lineterminator",
           "quotechar", "quoting", "skipinitialspace", "strict")


def _char(name, v, default, none_ok):
    if v is _MISSING:
        return default
    if v is None and none_ok:
        return None
    if not isinstance(v, str):
        raise TypeError('"%s" must be string%s, not %s' % (name, " or None" if none_ok else "", type(v).__name__))
    if len(v) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return v


class Dialect:
    # _csv.Dialect: an immutable, validated set of formatting parameters.
    __module__ = "_csv"

    def __new__(cls, dialect=None, **kwargs):
        for k in kwargs:
            if k not in _FIELDS:
                raise TypeError("'%s' is an invalid keyword argument for this function" % k)
        if isinstance(dialect, str):
            dialect = get_dialect(dialect)
        if isinstance(dialect, _Dialect) and not kwargs:
            return dialect
        p = {}
        for name in _FIELDS:
            v = kwargs.get(name, _MISSING)
            if v is _MISSING and dialect is not None:
                v = getattr(dialect, name, _MISSING)
            p[name] = v
        self = object.__new__(cls)
        d = self.__dict__
        d["delimiter"] = _char("delimiter", p["delimiter"], ",", False)
        d["doublequote"] = True if p["doublequote"] is _MISSING else bool(p["doublequote"])
        d["escapechar"] = _char("escapechar", p["escapechar"], None, True)
        term = p["lineterminator"]
        if term is _MISSING:
            term = "\r\n"
        elif term is not None and not isinstance(term, str):
            raise TypeError('"lineterminator" must be a string')
        d["lineterminator"] = term
        d["quotechar"] = _char("quotechar", p["quotechar"], '"', True)
        quoting = p["quoting"]
        if quoting is _MISSING:
            quoting = QUOTE_MINIMAL
        elif type(quoting) is not int:
            raise TypeError('"quoting" must be an integer')
        d["quoting"] = quoting
        d["skipinitialspace"] = False if p["skipinitialspace"] is _MISSING else bool(p["skipinitialspace"])
        d["strict"] = False if p["strict"] is _MISSING else bool(p["strict"])
        if quoting not in (QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE):
            raise TypeError('bad "quoting" value')
        if p["quotechar"] is None and p["quoting"] is _MISSING:
            d["quoting"] = QUOTE_NONE
        if d["quoting"] != QUOTE_NONE and d["quotechar"] is None:
            raise TypeError("quotechar must be set if quoting enabled")
        if term is None:
            raise TypeError("lineterminator must be set")
        return self

    def __setattr__(self, name, value):
        if name in _FIELDS:
            raise AttributeError("attribute '%s' of '_csv.Dialect' objects is not writable" % name)
        raise AttributeError("'_csv.Dialect' object has no attribute '%s'" % name)


_Dialect = Dialect


def _at_least_one(args):
    if not args:
        raise TypeError(" expected at least 1 argument, got 0")


def register_dialect(*args, **kwargs):
    _at_least_one(args)
    name = args[0]
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _dialects[name] = _Dialect(*args[1:], **kwargs)


def unregister_dialect(name):
    if name not in _dialects:
        raise Error("unknown dialect")
    del _dialects[name]


def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def list_dialects():
    return list(_dialects)


def field_size_limit(*args):
    if len(args) > 1:
        raise TypeError("field_size_limit() takes at most 1 argument (%d given)" % len(args))
    old = _limit[0]
    if args:
        if not isinstance(args[0], int):
            raise TypeError("limit must be an integer")
        _limit[0] = args[0]
    return old


# The parser's states, as CPython's _csv names them.
(START_RECORD, START_FIELD, ESCAPED_CHAR, IN_FIELD, IN_QUOTED_FIELD, ESCAPE_IN_QUOTED_FIELD,
 QUOTE_IN_QUOTED_FIELD, EAT_CRNL, AFTER_ESCAPED_CRNL) = range(9)


class reader:
    __module__ = "_csv"

    def __init__(self, lines, dialect, kwargs):
        self._input = iter(lines)
        self.dialect = _Dialect(dialect, **kwargs)
        self.line_num = 0

    def __iter__(self):
        return self

    def _save(self):
        field = "".join(self._field)
        self._field = []
        if self._numeric:
            self._numeric = False
            field = float(field)
        self._fields.append(field)

    def _add(self, c):
        if len(self._field) >= _limit[0]:
            raise Error("field larger than field limit (%d)" % _limit[0])
        self._field.append(c)

    def _process(self, c):
        # One character of input, or None for the end of a line.
        d = self.dialect
        s = self._state
        quoting = d.quoting != QUOTE_NONE
        if s == START_RECORD:
            if c is None:
                return
            if c == "\n" or c == "\r":
                self._state = EAT_CRNL
                return
            s = START_FIELD
        if s == START_FIELD:
            if c is None or c == "\n" or c == "\r":
                self._save()
                self._state = START_RECORD if c is None else EAT_CRNL
            elif c == d.quotechar and quoting:
                self._state = IN_QUOTED_FIELD
            elif c == d.escapechar:
                self._state = ESCAPED_CHAR
            elif c == " " and d.skipinitialspace:
                self._state = START_FIELD
            elif c == d.delimiter:
                self._save()
                self._state = START_FIELD
            else:
                if d.quoting == QUOTE_NONNUMERIC:
                    self._numeric = True
                self._add(c)
                self._state = IN_FIELD
        elif s == ESCAPED_CHAR:
            if c == "\n" or c == "\r":
                self._add(c)
                self._state = AFTER_ESCAPED_CRNL
                return
            self._add("\n" if c is None else c)
            self._state = IN_FIELD
        elif s == IN_FIELD or s == AFTER_ESCAPED_CRNL:
            if s == AFTER_ESCAPED_CRNL and c is None:
                return
            if c is None or c == "\n" or c == "\r":
                self._save()
                self._state = START_RECORD if c is None else EAT_CRNL
            elif c == d.escapechar:
                self._state = ESCAPED_CHAR
            elif c == d.delimiter:
                self._save()
                self._state = START_FIELD
            else:
                self._add(c)
                self._state = IN_FIELD
        elif s == IN_QUOTED_FIELD:
            if c is None:
                pass
            elif c == d.escapechar:
                self._state = ESCAPE_IN_QUOTED_FIELD
            elif c == d.quotechar and quoting:
                self._state = QUOTE_IN_QUOTED_FIELD if d.doublequote else IN_FIELD
            else:
                self._add(c)
        elif s == ESCAPE_IN_QUOTED_FIELD:
            self._add("\n" if c is None else c)
            self._state = IN_QUOTED_FIELD
        elif s == QUOTE_IN_QUOTED_FIELD:
            if quoting and c == d.quotechar:
                self._add(c)
                self._state = IN_QUOTED_FIELD
            elif c == d.delimiter:
                self._save()
                self._state = START_FIELD
            elif c is None or c == "\n" or c == "\r":
                self._save()
                self._state = START_RECORD if c is None else EAT_CRNL
            elif not d.strict:
                self._add(c)
                self._state = IN_FIELD
            else:
                raise Error("'%s' expected after '%s'" % (d.delimiter, d.quotechar))
        elif s == EAT_CRNL:
            if c is None:
                self._state = START_RECORD
            elif c != "\n" and c != "\r":
                raise Error("new-line character seen in unquoted field - "
                            "do you need to open the file in universal-newline mode?")

    def __next__(self):
        self._fields = []
        self._field = []
        self._state = START_RECORD
        self._numeric = False
        while True:
            line = next(self._input, _MISSING)
            if line is _MISSING:
                if not self._field and self._state != IN_QUOTED_FIELD:
                    raise StopIteration
                if self.dialect.strict:
                    raise Error("unexpected end of data")
                self._save()
                break
            if not isinstance(line, str):
                raise Error("iterator should return strings, not %s "
                            "(the file should be opened in text mode)" % type(line).__name__)
            self.line_num += 1
            for c in line:
                self._process(c)
            self._process(None)
            if self._state == START_RECORD:
                break
        fields = self._fields
        self._fields = None
        return fields


_Reader = reader


def _make(cls, args, kwargs):
    # reader(f, dialect=None, **fmtparams) and writer(f, ...) as CPython parses their arguments.
    _at_least_one(args)
    if len(args) > 2:
        raise TypeError(" expected at most 2 arguments, got %d" % len(args))
    if len(args) > 1 and "dialect" in kwargs:
        raise TypeError("argument for function given by name ('dialect') and position (1)")
    return cls(args[0], args[1] if len(args) > 1 else kwargs.pop("dialect", None), kwargs)


def reader(*args, **kwargs):
    return _make(_Reader, args, kwargs)


def _is_number(x):
    t = type(x)
    return isinstance(x, (int, float)) or hasattr(t, "__float__") or hasattr(t, "__index__") or hasattr(t, "__int__")


class writer:
    __module__ = "_csv"

    def __init__(self, f, dialect, kwargs):
        try:
            self._write = f.write
        except AttributeError:
            raise TypeError('argument 1 must have a "write" method') from None
        self.dialect = _Dialect(dialect, **kwargs)

    def _field(self, text, quoted):
        d = self.dialect
        special = (d.delimiter, d.escapechar, d.quotechar)
        out = []
        for c in text:
            if c in special or c in d.lineterminator:
                escape = d.quoting == QUOTE_NONE
                if not escape:
                    if c == d.quotechar:
                        if d.doublequote:
                            out.append(c)
                        else:
                            escape = True
                    elif c == d.escapechar:
                        escape = True
                    if not escape:
                        quoted = True
                if escape:
                    if d.escapechar is None:
                        raise Error("need to escape, but no escapechar set")
                    out.append(d.escapechar)
            out.append(c)
        if quoted:
            return d.quotechar + "".join(out) + d.quotechar
        return "".join(out)

    def writerow(self, row):
        d = self.dialect
        try:
            it = iter(row)
        except TypeError:
            raise Error("iterable expected, not %s" % type(row).__name__) from None
        fields = []
        for field in it:
            if d.quoting == QUOTE_NONNUMERIC:
                quoted = not _is_number(field)
            else:
                quoted = d.quoting == QUOTE_ALL
            if field is None:
                field = ""
            elif not isinstance(field, str):
                field = str(field)
            fields.append(self._field(field, quoted))
        if len(fields) == 1 and fields[0] == "":
            if d.quoting == QUOTE_NONE:
                raise Error("single empty field record must be quoted")
            fields[0] = self._field("", True)
        return self._write(d.delimiter.join(fields) + d.lineterminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


_Writer = writer


def writer(*args, **kwargs):
    return _make(_Writer, args, kwargs)


class Dialect:
    # csv.Dialect: a class whose attributes describe a dialect, checked on instantiation.
    _name = ""
    _valid = False
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None

    def __init__(self):
        if self.__class__ != Dialect:
            self._valid = True
        self._validate()

    def _validate(self):
        try:
            _Dialect(self)
        except TypeError as e:
            raise Error(str(e))


class excel(Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = QUOTE_MINIMAL


register_dialect("excel", excel)


class excel_tab(excel):
    delimiter = "\t"


register_dialect("excel-tab", excel_tab)


class unix_dialect(Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = QUOTE_ALL


register_dialect("unix", unix_dialect)


class DictReader:
    def __init__(self, f, fieldnames=None, restkey=None, restval=None, dialect="excel", *args, **kwds):
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, *args, **kwds)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)  # cpython-line 97
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        if self.line_num == 0:
            # Read for its effect: the header row.
            self.fieldnames  # cpython-line 110
        row = next(self.reader)  # cpython-line 111
        self.line_num = self.reader.line_num
        # Blank lines are skipped, not returned as rows of restval.
        while row == []:
            row = next(self.reader)  # cpython-line 118
        names = self.fieldnames
        d = dict(zip(names, row))
        lf = len(names)
        lr = len(row)
        if lf < lr:
            d[self.restkey] = row[lf:]
        elif lf > lr:
            for key in names[lr:]:
                d[key] = self.restval
        return d


class DictWriter:
    def __init__(self, f, fieldnames, restval="", extrasaction="raise", dialect="excel", *args, **kwds):
        self.fieldnames = fieldnames
        self.restval = restval
        if extrasaction.lower() not in ("raise", "ignore"):
            raise ValueError("extrasaction (%s) must be 'raise' or 'ignore'" % extrasaction)
        self.extrasaction = extrasaction
        self.writer = writer(f, dialect, *args, **kwds)

    def writeheader(self):
        return self.writerow(dict(zip(self.fieldnames, self.fieldnames)))

    def _dict_to_list(self, rowdict):
        if self.extrasaction == "raise":
            wrong = [k for k in rowdict if k not in self.fieldnames]
            if wrong:
                raise ValueError("dict contains fields not in fieldnames: "  # cpython-line 149
                                 + ", ".join([repr(x) for x in wrong]))
        return [rowdict.get(key, self.restval) for key in self.fieldnames]

    def writerow(self, rowdict):
        return self.writer.writerow(self._dict_to_list(rowdict))  # cpython-line 154

    def writerows(self, rowdicts):
        return self.writer.writerows(map(self._dict_to_list, rowdicts))  # cpython-line 157


class Sniffer:
    def __init__(self):
        raise NotImplementedError("concsim does not support csv.Sniffer yet")
