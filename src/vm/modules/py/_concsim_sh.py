# concsim's /bin/sh for subprocess(shell=True), os.system and os.popen in the simulator: a
# small POSIX shell (dash's messages) and the simulated commands it runs. It parses a
# command line into lists (; && ||) of pipelines (|) of commands with redirections
# (> >> < 2> 2>&1 1>&2 >&2), expands $VAR ${VAR} ${VAR:-x} $? $$ $((...)) and quotes at run
# time, and runs each command in this process (the shell's process, forked by subprocess):
# a pipeline's stages one after the other, each one's output the next one's input.
# `python3 FILE.py` runs FILE as this process's new __main__ (as exec would), its sys.stdin
# reading the command's input as it arrives and its flushed output passed on as it goes.
# Invariant: commands read and write only through their _Stream objects (the process's
# pipes or terminal, or files of the host's simulated file system), and every failure is
# an exit status and a message on the command's stderr, as the real tools print it.

import os
import sys
import time
from _concsim_io import _PieceReader

_OPS = ("&&", "||", ";;", ">>", "2>&1", "1>&2", ">&2", "2>>", "2>", "1>", ";", "|", "&", "<", ">", "\n", "(", ")")


class _ShellExit(Exception):
    def __init__(self, status):
        self.status = status


class _Stream:
    # Where a command's output goes: a callable, a file of the simulated fs, or a buffer.
    def __init__(self, write=None, path=None, append=False, terminal=None):
        # terminal: "stdout" or "stderr" when the stream is the process's own one.
        self.terminal = terminal
        self._write = write
        self._path = path
        self.parts = []
        if path is not None and not append:
            with open(path, "w"):
                pass

    def write(self, text):
        if not text:
            return
        if self._write is not None:
            self._write(text)
        elif self._path is not None:
            with open(self._path, "a") as f:
                f.write(text)
        else:
            self.parts.append(text)

    def text(self):
        return "".join(self.parts)


class _IO:
    # What a command sees: its input (text), its output and error streams.
    def __init__(self, stdin, out, err):
        self._stdin = stdin
        self.out = out
        self.err = err

    def read(self):
        if callable(self._stdin):
            self._stdin = self._stdin()
        text = self._stdin or ""
        self._stdin = ""
        return text

    def write(self, text):
        self.out.write(text)

    def error(self, text):
        self.err.write(text)


# --- parsing ---


def _tokenize(line):
    # Tokens: ("op", text) or ("word", parts); a part is ("lit", text, quoted),
    # ("var", name, quoted) or ("arith", expr, quoted).
    tokens = []
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c in " \t":
            i += 1
            continue
        if c == "#":
            while i < n and line[i] != "\n":
                i += 1
            continue
        op = None
        for o in _OPS:
            if line.startswith(o, i):
                op = o
                break
        if op is not None and not (op[0] in "12" and i > 0 and line[i - 1] not in " \t;|&"):
            tokens.append(("op", {"\n": ";", ">&2": "1>&2"}.get(op, op)))
            i += len(op)
            continue
        parts = []
        while i < n and line[i] not in " \t\n;|&<>()":
            c = line[i]
            if c == "'":
                j = line.find("'", i + 1)
                if j < 0:
                    raise SyntaxError("Syntax error: Unterminated quoted string")
                parts.append(("lit", line[i + 1:j], True))
                i = j + 1
            elif c == '"':
                i += 1
                buf = ""
                while i < n and line[i] != '"':
                    if line[i] == "\\" and i + 1 < n and line[i + 1] in '$`"\\\n':
                        buf += line[i + 1]
                        i += 2
                    elif line[i] == "$":
                        if buf:
                            parts.append(("lit", buf, True))
                            buf = ""
                        part, i = _dollar(line, i, True)
                        parts.append(part)
                    else:
                        buf += line[i]
                        i += 1
                if i >= n:
                    raise SyntaxError("Syntax error: Unterminated quoted string")
                parts.append(("lit", buf, True))
                i += 1
            elif c == "\\" and i + 1 < n:
                parts.append(("lit", line[i + 1], True))
                i += 2
            elif c == "$":
                part, i = _dollar(line, i, False)
                parts.append(part)
            else:
                j = i
                while j < n and line[j] not in " \t\n;|&<>()'\"\\$":
                    j += 1
                parts.append(("lit", line[i:j], False))
                i = j
        tokens.append(("word", parts))
    return tokens


def _dollar(line, i, quoted):
    # A $-expansion starting at line[i] == "$": its part and the index after it.
    n = len(line)
    if line.startswith("$((", i):
        depth = 0
        j = i + 1
        while j < n:
            if line[j] == "(":
                depth += 1
            elif line[j] == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        return ("arith", line[i + 3:j - 1], quoted), j + 1
    if line.startswith("${", i):
        j = line.find("}", i)
        if j < 0:
            raise SyntaxError("Syntax error: Missing '}'")
        return ("var", line[i + 2:j], quoted), j + 1
    if i + 1 < n and line[i + 1] in "?$#0123456789":
        return ("var", line[i + 1], quoted), i + 2
    j = i + 1
    while j < n and (line[j].isalnum() or line[j] == "_"):
        j += 1
    if j == i + 1:
        return ("lit", "$", quoted), i + 1
    return ("var", line[i + 1:j], quoted), j


def _parse(tokens):
    # [(connector, [command, ...])] where connector is None, ";", "&&" or "||" and a
    # command is (words, redirections).
    lists = []
    pipeline = []
    words = []
    redirs = []
    connector = None
    i = 0
    while i < len(tokens):
        kind, val = tokens[i]
        if kind == "word":
            words.append(val)
        elif val in (">", ">>", "<", "2>", "2>>", "1>"):
            if i + 1 >= len(tokens) or tokens[i + 1][0] != "word":
                nxt = tokens[i + 1][1] if i + 1 < len(tokens) else "end of file"
                raise SyntaxError('Syntax error: %s unexpected' % (
                    '"%s"' % nxt if nxt != "end of file" and nxt != ";" else ("end of file" if nxt != ";" else '";"')))
            redirs.append((val, tokens[i + 1][1]))
            i += 1
        elif val in ("2>&1", "1>&2"):
            redirs.append((val, None))
        elif val == "|":
            if not words and not redirs:
                raise SyntaxError('Syntax error: "|" unexpected')
            pipeline.append((words, redirs))
            words, redirs = [], []
        elif val in (";", "&&", "||"):
            if words or redirs:
                pipeline.append((words, redirs))
                words, redirs = [], []
            if not pipeline:
                if val == ";" and connector in (None, ";"):
                    i += 1
                    continue
                raise SyntaxError('Syntax error: "%s" unexpected' % val)
            lists.append((connector, pipeline))
            pipeline = []
            connector = val
        elif val == "&":
            raise SyntaxError("concsim's /bin/sh does not support background jobs (&) yet")
        else:
            raise SyntaxError('Syntax error: "%s" unexpected' % val)
        i += 1
    if words or redirs:
        pipeline.append((words, redirs))
    if pipeline:
        lists.append((connector, pipeline))
    elif connector in ("&&", "||") or (tokens and tokens[-1] == ("op", "|")):
        raise SyntaxError("Syntax error: end of file unexpected")
    return lists


# --- the shell ---


class Shell:
    def __init__(self, io):
        self.io = io
        self.vars = dict(os.environ)
        self.exported = set(self.vars)
        self.status = 0
        self.params = ["/bin/sh"]

    def var(self, name):
        if name == "?":
            return str(self.status)
        if name == "$":
            return str(os.getpid())
        if name == "#":
            return str(len(self.params) - 1)
        if name.isdigit():
            k = int(name)
            return self.params[k] if k < len(self.params) else ""
        if name == "PWD":
            return self.vars.get("PWD", os.getcwd())
        return self.vars.get(name, "")

    def expand_var(self, spec):
        for sep in (":-", ":=", ":+", "-", "="):
            if sep in spec:
                name, alt = spec.split(sep, 1)
                val = self.var(name)
                if sep in (":-", ":="):
                    if not val:
                        if sep == ":=":
                            self.vars[name] = alt
                        return alt
                    return val
                if sep == ":+":
                    return alt if val else ""
                if sep == "-":
                    return val if name in self.vars else alt
                if name not in self.vars:
                    self.vars[name] = alt
                return self.var(name)
        if spec.startswith("#"):
            return str(len(self.var(spec[1:])))
        return self.var(spec)

    def arith(self, expr):
        # $((...)): integers, + - * / % ( ) and comparisons, variables by name.
        text = ""
        i = 0
        while i < len(expr):
            c = expr[i]
            if c.isalpha() or c == "_":
                j = i
                while j < len(expr) and (expr[j].isalnum() or expr[j] == "_"):
                    j += 1
                v = self.var(expr[i:j]) or "0"
                text += v
                i = j
            elif c == "$":
                i += 1
            else:
                text += c
                i += 1
        return str(_Arith(text).parse())

    def expand(self, parts):
        # One word's fields (unquoted expansions are split on whitespace; unquoted globs
        # are matched against the files).
        fields = [""]
        quoted_any = False
        glob_chars = False
        for kind, val, quoted in parts:
            if quoted:
                quoted_any = True
            if kind == "lit":
                fields[-1] += val
                if not quoted and ("*" in val or "?" in val or "[" in val):
                    glob_chars = True
                continue
            text = self.expand_var(val) if kind == "var" else self.arith(val)
            if quoted:
                fields[-1] += text
            else:
                pieces = text.split()
                if not pieces:
                    continue
                if text[:1].isspace() and fields[-1]:
                    fields.append("")
                fields[-1] += pieces[0]
                for p in pieces[1:]:
                    fields.append(p)
                if text[-1:].isspace():
                    fields.append("")
        if fields and fields[-1] == "" and len(fields) > 1:
            fields.pop()
        if fields == [""] and not quoted_any:
            return []
        if glob_chars and not quoted_any:
            import glob
            out = []
            for f in fields:
                matches = sorted(glob.glob(f))
                out.extend(matches if matches else [f])
            return out
        return fields

    def run(self, line):
        try:
            lists = _parse(_tokenize(line))
        except SyntaxError as e:
            self.io.error("/bin/sh: 1: %s\n" % e.msg if hasattr(e, "msg") and e.msg else "/bin/sh: 1: %s\n" % e)
            return 2
        try:
            for connector, pipeline in lists:
                if connector == "&&" and self.status != 0:
                    continue
                if connector == "||" and self.status == 0:
                    continue
                self.status = self.pipeline(pipeline)
        except _ShellExit as e:
            return e.status
        return self.status

    def pipeline(self, commands):
        stdin = self.io._stdin
        status = 0
        for k, cmd in enumerate(commands):
            last = k == len(commands) - 1
            out = self.io.out if last else _Stream()
            status = self.command(cmd, stdin, out)
            if not last:
                stdin = out.text()
        return status

    def command(self, cmd, stdin, out):
        words, redirs = cmd
        argv = []
        assigns = []
        for w in words:
            if not argv and not assigns and len(w) >= 1 and w[0][0] == "lit" and not w[0][2] and "=" in w[0][1] \
                    and _is_name(w[0][1].split("=", 1)[0]):
                name, first = w[0][1].split("=", 1)
                assigns.append((name, "".join(self.expand([("lit", first, True)] + [
                    (k, v, True) for k, v, q in w[1:]]))))
                continue
            if not argv and assigns and w[0][0] == "lit" and not w[0][2] and "=" in w[0][1] \
                    and _is_name(w[0][1].split("=", 1)[0]):
                name, first = w[0][1].split("=", 1)
                assigns.append((name, "".join(self.expand([("lit", first, True)] + [
                    (k, v, True) for k, v, q in w[1:]]))))
                continue
            argv.extend(self.expand(w))
        err = self.io.err
        for op, target in redirs:
            if target is not None:
                fields = self.expand(target)
                if len(fields) != 1:
                    self.io.error("/bin/sh: 1: cannot create %s: Bad file descriptor\n" % " ".join(fields))
                    return 2
                path = fields[0]
            try:
                if op in (">", "1>"):
                    out = _Stream(path=path)
                elif op == ">>":
                    out = _Stream(path=path, append=True)
                elif op == "2>":
                    err = _Stream(path=path)
                elif op == "2>>":
                    err = _Stream(path=path, append=True)
                elif op == "<":
                    with open(path) as f:
                        stdin = f.read()
                elif op == "2>&1":
                    err = out
                elif op == "1>&2":
                    out = err
            except FileNotFoundError:
                if op == "<":
                    self.io.error("/bin/sh: 1: cannot open %s: No such file\n" % path)
                else:
                    self.io.error("/bin/sh: 1: cannot create %s: Directory nonexistent\n" % path)
                return 2
            except IsADirectoryError:
                self.io.error("/bin/sh: 1: cannot create %s: Is a directory\n" % path)
                return 2
        if not argv:
            for name, val in assigns:
                self.vars[name] = val
            return 0
        io = _IO(stdin, out, err)
        name = argv[0]
        builtin = _BUILTINS.get(name)
        if builtin is not None:
            return builtin(self, argv, io)
        prog = name.rsplit("/", 1)[-1] if name.startswith("/usr/bin/") or name.startswith("/bin/") else name
        func = COMMANDS.get(prog)
        if func is None:
            io.error("/bin/sh: 1: %s: not found\n" % name)
            return 127
        saved = dict(self.vars)
        for n, v in assigns:
            self.vars[n] = v
        try:
            return func(argv, io, self)
        finally:
            if assigns:
                self.vars = saved


def _is_name(s):
    return s != "" and (s[0].isalpha() or s[0] == "_") and all(c.isalnum() or c == "_" for c in s)


class _Arith:
    def __init__(self, text):
        self.toks = []
        i = 0
        while i < len(text):
            c = text[i]
            if c.isspace():
                i += 1
            elif c.isdigit():
                j = i
                while j < len(text) and text[j].isdigit():
                    j += 1
                self.toks.append(int(text[i:j]))
                i = j
            elif text[i:i + 2] in ("==", "!=", "<=", ">=", "&&", "||"):
                self.toks.append(text[i:i + 2])
                i += 2
            else:
                self.toks.append(c)
                i += 1
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        t = self.peek()
        self.i += 1
        return t

    def parse(self):
        v = self.cmp()
        if self.peek() is not None:
            raise _ShellExit(2)
        return v

    def cmp(self):
        v = self.add()
        while self.peek() in ("==", "!=", "<", ">", "<=", ">="):
            op = self.take()
            w = self.add()
            v = int({"==": v == w, "!=": v != w, "<": v < w, ">": v > w, "<=": v <= w, ">=": v >= w}[op])
        return v

    def add(self):
        v = self.mul()
        while self.peek() in ("+", "-"):
            op = self.take()
            w = self.mul()
            v = v + w if op == "+" else v - w
        return v

    def mul(self):
        v = self.unary()
        while self.peek() in ("*", "/", "%"):
            op = self.take()
            w = self.unary()
            if op == "*":
                v = v * w
            else:
                if w == 0:
                    raise _ShellExit(2)
                q = abs(v) // abs(w)
                if (v < 0) != (w < 0):
                    q = -q
                v = q if op == "/" else v - q * w
        return v

    def unary(self):
        t = self.peek()
        if t == "-":
            self.take()
            return -self.unary()
        if t == "+":
            self.take()
            return self.unary()
        if t == "(":
            self.take()
            v = self.cmp()
            self.take()
            return v
        self.take()
        if not isinstance(t, int):
            raise _ShellExit(2)
        return t


# --- builtins of the shell ---


def _b_cd(sh, argv, io):
    target = argv[1] if len(argv) > 1 else sh.vars.get("HOME", "/")
    try:
        os.chdir(target)
    except OSError:
        io.error("/bin/sh: 1: cd: can't cd to %s\n" % target)
        return 2
    sh.vars["PWD"] = os.getcwd()
    return 0


def _b_export(sh, argv, io):
    for a in argv[1:]:
        if "=" in a:
            n, v = a.split("=", 1)
            sh.vars[n] = v
            sh.exported.add(n)
        else:
            sh.exported.add(a)
    return 0


def _b_unset(sh, argv, io):
    for a in argv[1:]:
        sh.vars.pop(a, None)
        sh.exported.discard(a)
    return 0


def _b_exit(sh, argv, io):
    code = sh.status
    if len(argv) > 1:
        try:
            code = int(argv[1]) & 0xff
        except ValueError:
            io.error("/bin/sh: 1: exit: Illegal number: %s\n" % argv[1])
            code = 2
    raise _ShellExit(code)


def _b_true(sh, argv, io):
    return 0


def _b_false(sh, argv, io):
    return 1


def _b_pwd(sh, argv, io):
    io.write(os.getcwd() + "\n")
    return 0


def _b_echo(sh, argv, io):
    args = argv[1:]
    newline = True
    if args and args[0] == "-n":
        newline = False
        args = args[1:]
    io.write(" ".join(args) + ("\n" if newline else ""))
    return 0


_PRINTF_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "r": "\r", "v": "\v",
                   '"': '"', "'": "'"}


def _printf_escapes(text, i):
    # The escape at text[i] (after its backslash): (its text, the index after it).
    c = text[i] if i < len(text) else ""
    if c in _PRINTF_ESCAPES:
        return _PRINTF_ESCAPES[c], i + 1
    if c.isdigit() and c < "8":
        j = i
        while j < len(text) and j < i + 3 and "0" <= text[j] < "8":
            j += 1
        return chr(int(text[i:j], 8)), j
    return "\\" + c, i + 1


def _printf_unescape(text):
    # %b's argument: its escapes as the format's.
    parts, k = [], 0
    while k < len(text):
        if text[k] == "\\":
            piece, k = _printf_escapes(text, k + 1)
            parts.append(piece)
        else:
            parts.append(text[k])
            k += 1
    return "".join(parts)


def _printf_number(arg, errors, builtin):
    # A number (octal after 0, hex after 0x), a 'c or "c character's code, or 0 with dash's
    # (builtin) or coreutils' error, given to `errors`.
    if arg[:1] in ("'", '"') and len(arg) > 1:
        return ord(arg[1])
    sign = -1 if arg.startswith("-") else 1
    body = arg.lstrip("+-")
    try:
        if body[:2].lower() == "0x":
            return sign * int(body[2:], 16)
        return sign * int(body, 8 if body.startswith("0") and len(body) > 1 else 10)
    except ValueError:
        try:
            return float(arg)
        except ValueError:
            errors("%s: expected numeric value\n" % arg if builtin else "\u2018%s\u2019: expected a numeric value\n" % arg)
            return 0


def _b_printf(sh, argv, io):
    # dash's printf builtin (sh None: the printf command, coreutils' messages): the format's
    # escapes and conversions (%s %b %c %d %i %o %u %x %X %e %f %g %E %G %% with flags, width
    # and precision), reused while arguments remain.
    builtin = sh is not None
    who = "/bin/sh: 1: printf: " if builtin else argv[0] + ": "
    if len(argv) < 2:
        if builtin:
            io.error(who + "usage: printf format [arg ...]\n")
            return 2
        io.error("%smissing operand\nTry '%s --help' for more information.\n" % (who, argv[0]))
        return 1
    fmt, args = argv[1], argv[2:]
    out, failed = [], []

    def errors(message):
        failed.append(message)
        io.error(who + message)

    while True:
        used = 0
        i = 0
        while i < len(fmt):
            c = fmt[i]
            if c == "\\":
                text, i = _printf_escapes(fmt, i + 1)
                out.append(text)
                continue
            if c != "%":
                out.append(c)
                i += 1
                continue
            j = i + 1
            while j < len(fmt) and fmt[j] in "-+ #0":
                j += 1
            while j < len(fmt) and (fmt[j].isdigit() or fmt[j] == "."):
                j += 1
            if j >= len(fmt):
                io.write("".join(out))
                io.error(who + ("missing format character\n" if builtin else "%s: invalid conversion specification\n" % fmt[i:]))
                return 2 if builtin else 1
            conv, spec = fmt[j], fmt[i:j]
            i = j + 1
            if conv == "%":
                out.append("%")
                continue
            arg = args[used] if used < len(args) else None
            used += 1
            try:
                if conv == "s":
                    out.append((spec + "s") % (arg or ""))
                elif conv == "b":
                    out.append((spec + "s") % _printf_unescape(arg or ""))
                elif conv == "c":
                    out.append((spec + "s") % (arg or "")[:1])
                elif conv in "diouxX":
                    n = _printf_number(arg, errors, builtin) if arg is not None else 0
                    out.append((spec + ("d" if conv in "iu" else conv)) % int(n))
                elif conv in "eEfFgG":
                    n = _printf_number(arg, errors, builtin) if arg is not None else 0
                    out.append((spec + conv) % float(n))
                else:
                    conv = None
            except ValueError:  # a malformed width or precision ("%1.2.3d")
                conv = None
            if conv is None:
                io.write("".join(out))
                what = "%s: invalid directive\n" if builtin else "%s: invalid conversion specification\n"
                io.error(who + what % (spec + fmt[j]))
                return 2 if builtin else 1
        args = args[used:]
        if not args or not used:
            break
    io.write("".join(out))
    return 1 if failed else 0


def _b_test(sh, argv, io):
    args = argv[1:]
    if argv[0] == "[":
        if not args or args[-1] != "]":
            io.error("/bin/sh: 1: [: missing ]\n")
            return 2
        args = args[:-1]
    if not args:
        return 1
    if len(args) == 1:
        return 0 if args[0] else 1
    if len(args) == 2:
        op, a = args
        if op == "-n":
            return 0 if a else 1
        if op == "-z":
            return 0 if not a else 1
        if op == "-e":
            return 0 if os.path.exists(a) else 1
        if op == "-f":
            return 0 if os.path.isfile(a) else 1
        if op == "-d":
            return 0 if os.path.isdir(a) else 1
        if op == "!":
            return 1 if a else 0
        return 2
    if len(args) == 3:
        a, op, b = args
        if op == "=":
            return 0 if a == b else 1
        if op == "!=":
            return 0 if a != b else 1
        ops = {"-eq": lambda x, y: x == y, "-ne": lambda x, y: x != y, "-lt": lambda x, y: x < y,
               "-le": lambda x, y: x <= y, "-gt": lambda x, y: x > y, "-ge": lambda x, y: x >= y}
        if op in ops:
            try:
                return 0 if ops[op](int(a), int(b)) else 1
            except ValueError:
                io.error("/bin/sh: 1: %s: Illegal number: %s\n" % (argv[0], a))
                return 2
    return 2


_BUILTINS = {"cd": _b_cd, "export": _b_export, "unset": _b_unset, "exit": _b_exit, "true": _b_true,
             "false": _b_false, ":": _b_true, "pwd": _b_pwd, "echo": _b_echo, "test": _b_test, "[": _b_test,
             "printf": _b_printf}


# --- commands ---


def _read_files(argv_files, io, prog):
    # The text of the files named (or stdin for none or "-"), and whether all were read.
    chunks = []
    ok = True
    for name in argv_files or ["-"]:
        if name == "-":
            chunks.append(io.read())
            continue
        try:
            with open(name) as f:
                chunks.append(f.read())
        except IsADirectoryError:
            io.error("%s: %s: Is a directory\n" % (prog, name))
            ok = False
        except OSError:
            io.error("%s: %s: No such file or directory\n" % (prog, name))
            ok = False
    return "".join(chunks), ok


def _cat(argv, io, sh=None):
    text, ok = _read_files(argv[1:], io, "cat")
    io.write(text)
    return 0 if ok else 1


def _lines(text):
    return text.splitlines(True)


def _head_tail(argv, io, tail):
    n = 10
    files = []
    args = argv[1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-n" and i + 1 < len(args):
            n = int(args[i + 1].lstrip("+"))
            i += 2
            continue
        if a.startswith("-n"):
            n = int(a[2:])
        elif a.startswith("-") and a[1:].isdigit():
            n = int(a[1:])
        else:
            files.append(a)
        i += 1
    text, ok = _read_files(files, io, "tail" if tail else "head")
    lines = _lines(text)
    io.write("".join(lines[-n:] if tail and n else ([] if tail else lines[:n])))
    return 0 if ok else 1


def _head(argv, io, sh=None):
    return _head_tail(argv, io, False)


def _tail(argv, io, sh=None):
    return _head_tail(argv, io, True)


def _grep(argv, io, sh=None):
    flags = set()
    rest = []
    for a in argv[1:]:
        if a.startswith("-") and len(a) > 1 and not rest:
            flags.update(a[1:])
        else:
            rest.append(a)
    if not rest:
        io.error("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
        return 2
    pattern, files = rest[0], rest[1:]
    ignore = "i" in flags
    count = 0
    ok = True
    many = len(files) > 1
    for name in files or ["-"]:
        if name == "-":
            text = io.read()
        else:
            try:
                with open(name) as f:
                    text = f.read()
            except OSError:
                io.error("grep: %s: No such file or directory\n" % name)
                ok = False
                continue
        n_here = 0
        for k, line in enumerate(text.splitlines()):
            hit = (pattern.lower() in line.lower()) if ignore else (pattern in line)
            if hit != ("v" in flags):
                n_here += 1
                if "c" not in flags and "q" not in flags:
                    prefix = (name + ":" if many else "") + ("%d:" % (k + 1) if "n" in flags else "")
                    io.write(prefix + line + "\n")
        if "c" in flags:
            io.write(("%s:" % name if many else "") + "%d\n" % n_here)
        count += n_here
    if not ok:
        return 2
    return 0 if count else 1


def _cut(argv, io, sh=None):
    delim = "\t"
    fields = None
    files = []
    args = argv[1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-d":
            delim = args[i + 1]
            i += 2
            continue
        if a.startswith("-d"):
            delim = a[2:]
        elif a == "-f":
            fields = args[i + 1]
            i += 2
            continue
        elif a.startswith("-f"):
            fields = a[2:]
        else:
            files.append(a)
        i += 1
    if fields is None:
        io.error("cut: you must specify a list of bytes, characters, or fields\n"
                 "Try 'cut --help' for more information.\n")
        return 1
    wanted = []
    for spec in fields.split(","):
        if "-" in spec:
            lo, hi = spec.split("-", 1)
            wanted.append((int(lo) if lo else 1, int(hi) if hi else 10 ** 9))
        else:
            wanted.append((int(spec), int(spec)))
    text, ok = _read_files(files, io, "cut")
    for line in text.splitlines():
        if delim not in line:
            io.write(line + "\n")
            continue
        parts = line.split(delim)
        picked = [p for k, p in enumerate(parts) if any(lo <= k + 1 <= hi for lo, hi in wanted)]
        io.write(delim.join(picked) + "\n")
    return 0 if ok else 1


def _sort_key_num(line):
    s = line.strip()
    j = 0
    if j < len(s) and s[j] in "+-":
        j += 1
    while j < len(s) and (s[j].isdigit() or s[j] == "."):
        j += 1
    try:
        return float(s[:j])
    except ValueError:
        return 0.0


def _sort(argv, io, sh=None):
    flags = set()
    files = []
    for a in argv[1:]:
        if a.startswith("-") and len(a) > 1:
            flags.update(a[1:])
        else:
            files.append(a)
    text, ok = _read_files(files, io, "sort")
    lines = text.splitlines()
    if "n" in flags:
        lines.sort(key=lambda l: (_sort_key_num(l), l))
    else:
        lines.sort()
    if "r" in flags:
        lines.reverse()
    if "u" in flags:
        out = []
        for l in lines:
            if not out or out[-1] != l:
                out.append(l)
        lines = out
    io.write("".join(l + "\n" for l in lines))
    return 0 if ok else 2


def _uniq(argv, io, sh=None):
    text, ok = _read_files([a for a in argv[1:] if not a.startswith("-")], io, "uniq")
    out = []
    counts = []
    for l in text.splitlines():
        if out and out[-1] == l:
            counts[-1] += 1
        else:
            out.append(l)
            counts.append(1)
    if "-c" in argv:
        io.write("".join("%7d %s\n" % (c, l) for c, l in zip(counts, out)))
    else:
        io.write("".join(l + "\n" for l in out))
    return 0 if ok else 1


def _wc(argv, io, sh=None):
    flags = [a for a in argv[1:] if a.startswith("-") and len(a) > 1]
    files = [a for a in argv[1:] if not (a.startswith("-") and len(a) > 1)]
    wanted = []
    for f in flags:
        for c in f[1:]:
            if c in "lwc" and c not in wanted:
                wanted.append(c)
    order = [c for c in "lwc" if c in wanted] or ["l", "w", "c"]
    rows = []
    ok = True
    for name in files or [None]:
        if name is None or name == "-":
            data = io.read()
        else:
            try:
                with open(name) as f:
                    data = f.read()
            except OSError:
                io.error("wc: %s: No such file or directory\n" % name)
                ok = False
                continue
        counts = {"l": data.count("\n"), "w": len(data.split()), "c": len(data.encode("utf-8"))}
        rows.append(([counts[c] for c in order], name))
    if len(rows) > 1:
        rows.append(([sum(r[0][k] for r in rows) for k in range(len(order))], "total"))
    width = 1 if (len(order) == 1 and len(rows) == 1) else max(
        [len(str(v)) for r in rows for v in r[0]] + ([7] if not files else [1]))
    for vals, name in rows:
        line = " ".join(str(v).rjust(width) for v in vals)
        io.write(line + (" " + name if name else "") + "\n")
    return 0 if ok else 1


def _ls(argv, io, sh=None):
    flags = set()
    targets = []
    for a in argv[1:]:
        if a.startswith("-") and len(a) > 1:
            flags.update(a[1:])
        else:
            targets.append(a)
    status = 0
    files = []
    dirs = []
    for t in targets or ["."]:
        if not os.path.exists(t):
            io.error("ls: cannot access '%s': No such file or directory\n" % t)
            status = 2
        elif os.path.isdir(t):
            dirs.append(t)
        else:
            files.append(t)
    for f in sorted(files):
        io.write(f + "\n")
    for k, d in enumerate(sorted(dirs)):
        if len(targets) > 1:
            if files or k:
                io.write("\n")
            io.write(d + ":\n")
        names = sorted(n for n in os.listdir(d) if "a" in flags or not n.startswith("."))
        if "a" in flags:
            names = sorted([".", ".."] + names)
        for n in names:
            io.write(n + "\n")
    return status


def _touch(argv, io, sh=None):
    status = 0
    for name in argv[1:]:
        try:
            with open(name, "a"):
                pass
        except OSError:
            io.error("touch: cannot touch '%s': No such file or directory\n" % name)
            status = 1
    return status


def _rm(argv, io, sh=None):
    flags = set()
    status = 0
    for a in argv[1:]:
        if a.startswith("-") and len(a) > 1:
            flags.update(a[1:])
            continue
        try:
            if os.path.isdir(a):
                if "r" in flags or "R" in flags:
                    import shutil
                    shutil.rmtree(a)
                    continue
                io.error("rm: cannot remove '%s': Is a directory\n" % a)
                status = 1
                continue
            os.remove(a)
        except OSError:
            if "f" not in flags:
                io.error("rm: cannot remove '%s': No such file or directory\n" % a)
                status = 1
    return status


def _mkdir(argv, io, sh=None):
    parents = "-p" in argv
    status = 0
    for a in argv[1:]:
        if a.startswith("-"):
            continue
        try:
            if parents:
                os.makedirs(a, exist_ok=True)
            else:
                os.mkdir(a)
        except FileExistsError:
            io.error("mkdir: cannot create directory '%s': File exists\n" % a)
            status = 1
        except OSError:
            io.error("mkdir: cannot create directory '%s': No such file or directory\n" % a)
            status = 1
    return status


def _env(argv, io, sh=None):
    # `env` and `printenv [NAME...]`: the command's environment (the shell's exported
    # variables, or the process's os.environ when run directly), in its order.
    if sh is not None:
        environ = {n: v for n, v in sh.vars.items() if n in sh.exported}
    else:
        environ = dict(os.environ)
    names = argv[1:] if argv and argv[0].endswith("printenv") else []
    if not names:
        for n, v in environ.items():
            io.write("%s=%s\n" % (n, v))
        return 0
    status = 0
    for n in names:
        if n in environ:
            io.write(environ[n] + "\n")
        else:
            status = 1
    return status


def _seq(argv, io, sh=None):
    # coreutils' seq over integers: [FIRST [INCREMENT]] LAST, -s SEP, -w (equal width).
    def fail(message):
        io.error("seq: %s\nTry 'seq --help' for more information.\n" % message)
        return 1

    sep, width, nums = "\n", False, []
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a == "-w":
            width = True
        elif a.startswith("-s") and not a[2:3].isdigit():
            if a == "-s" and not args:
                return fail("option requires an argument -- 's'")
            sep = a[2:] if len(a) > 2 else args.pop(0)
        else:
            nums.append(a)
    if not nums:
        return fail("missing operand")
    if len(nums) > 3:
        return fail("extra operand \u2018%s\u2019" % nums[3])
    values = []
    for n in nums:
        try:
            values.append(int(n))
        except ValueError:
            try:
                float(n)
            except ValueError:
                return fail("invalid floating point argument: \u2018%s\u2019" % n)
            io.error("seq: concsim's seq takes integers only, not \u2018%s\u2019\n" % n)
            return 1
    first, step, last = (1, 1, values[0]) if len(values) == 1 else (
        (values[0], 1, values[1]) if len(values) == 2 else tuple(values))
    if step == 0:
        return fail("invalid Zero increment value: \u2018%s\u2019" % nums[1])
    out = [str(v) for v in range(first, last + (1 if step > 0 else -1), step)]
    if width and out:
        size = max(len(str(first)), len(str(last)))
        out = [("-" + v[1:].rjust(size - 1, "0")) if v.startswith("-") else v.rjust(size, "0") for v in out]
    if out:
        io.write(sep.join(out) + "\n")
    return 0


def _sleep(argv, io, sh=None):
    if len(argv) < 2:
        io.error("sleep: missing operand\nTry 'sleep --help' for more information.\n")
        return 1
    time.sleep(float(argv[1]))
    return 0


def _python(argv, io, sh=None):
    # `python3 FILE.py ARGS`: this process runs FILE as its new __main__, its print()s going
    # to the command's output.
    import _concsim_fs
    if len(argv) < 2:
        io.error("concsim's python3 runs a file: python3 FILE.py [ARGS]\n")
        return 2
    if argv[1] == "-c":
        # `python3 -c CODE ARGS`: CODE is the program, named "<string>", sys.argv ['-c', ARGS].
        if len(argv) < 3:
            io.error("Argument expected for the -c option\nusage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                     "Try `python -h' for more information.\n" % argv[0])
            return 2
        try:
            main = _concsim_fs.load_main("<string>", ["-c"] + argv[3:], argv[2])
        except SyntaxError as e:
            import _concsim
            io.error(_concsim.format_exception(e))
            return 1
    else:
        path = argv[1]
        try:
            main = _concsim_fs.load_main(path, argv[1:])
        except OSError as e:
            io.error("%s: can't open file %r: [Errno %d] %s\n" % (argv[0], os.path.abspath(path), e.errno, e.strerror))
            return 2
    # print() calls a Python sys.stdout's write() as a callback, which may not block: output
    # for a pipe or a file is collected and passed on when the program flushes it (stderr:
    # at each line, as CPython's line-buffered stderr) and when it ends; a flush inside
    # print(flush=True) that could not pass it on does so before the program next waits
    # for input. Output for the terminal goes straight there.
    out, err, inp = sys.stdout, sys.stderr, sys.stdin
    if io.out.terminal != "stdout":
        sys.stdout = _Writer(err if io.out.terminal == "stderr" else None, out, io.out)
    if io.err.terminal != "stderr":
        sys.stderr = _Writer(out if io.err.terminal == "stdout" else None, err, io.err, True)
    source = getattr(io, "source", None)
    if source is not None:
        sys.stdin = _Stdin(source.read_chunk)
    elif not _inherits_stdin(io._stdin):
        sys.stdin = _Stdin(_once(io.read))
    try:
        main()
        return 0
    except SystemExit as e:
        code = e.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xff
        sys.stderr.write(str(code) + "\n")
        return 1
    except BaseException as e:
        import _concsim
        sys.stderr.write(_concsim.format_exception(e))
        return 1
    finally:
        sys.stdout.flush()
        wout, werr = sys.stdout, sys.stderr
        sys.stdout, sys.stderr, sys.stdin = out, err, inp
        if isinstance(wout, _Writer):
            io.out.write(wout.text())
        if isinstance(werr, _Writer):
            io.err.write(werr.text())


def _inherits_stdin(stdin):
    # The command reads the process's own stdin: subprocess gave it no pipe (its _IO's read).
    owner = getattr(stdin, "__self__", None)
    return callable(stdin) and owner is not None and hasattr(owner, "_in") and owner._in is None


def _once(read):
    # The whole input (a shell pipeline's text) as one piece, then EOF.
    done = []

    def chunk():
        if done:
            return ""
        done.append(True)
        return read()
    return chunk


def _push_pending():
    for w in (sys.stdout, sys.stderr):
        if isinstance(w, _Writer):
            w.push()


class _Writer:
    # A program's sys.stdout or sys.stderr while it runs as a command: collects what it
    # writes and passes on to `stream` (the command's _Stream) what was flushed (or passes
    # everything to `real`, the terminal stream it stands for).
    def __init__(self, real, flusher, stream=None, line_buffered=False):
        self._real = real
        self._flusher = flusher
        self._stream = stream
        self._line = line_buffered
        self._parts = []
        self._flushed = 0  # how many of _parts a flush released and are not passed on yet

    def write(self, text):
        if self._real is not None:
            self._real.write(text)
        else:
            self._parts.append(text)
            if self._line and "\n" in text:
                self.flush()
        return len(text)

    def text(self):
        text = "".join(self._parts)
        self._parts = []
        self._flushed = 0
        return text

    def flush(self):
        if self._real is not None:
            self._flusher.flush()
            return
        self._flushed = len(self._parts)
        self.push()

    def push(self):
        if not self._flushed or self._stream is None:
            return
        text = "".join(self._parts[:self._flushed])
        try:
            self._stream.write(text)
        except RuntimeError as e:
            # Inside print(): a write to a pipe is a blocking call there.
            if not str(e).startswith("concsim"):
                raise
            return
        del self._parts[:self._flushed]
        self._flushed = 0

    def fileno(self):
        return self._real.fileno()

    def isatty(self):
        return False


class _Stdin(_PieceReader):
    # A program's sys.stdin while it runs as a command: its input as it arrives, through
    # chunk() (the next piece, "" or b"" at EOF); readline() returns once a line is whole,
    # so a parent may talk to the program a line at a time.
    name = "<stdin>"
    mode = "r"
    encoding = "utf-8"
    closed = False

    def __init__(self, chunk):
        self._chunk = chunk

    def __repr__(self):
        return "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>"

    def _fill(self):
        # What the program flushed goes out before it waits (a parent may wait for it).
        _push_pending()
        c = self._chunk()
        if isinstance(c, str):
            c = c.encode("utf-8")
        if c:
            self._buf += c
        else:
            self._eof = True

    def _out(self, data):
        return data.decode("utf-8").replace("\r\n", "\n")

    def fileno(self):
        return 0

    def isatty(self):
        return False

    def readable(self):
        return True

    def writable(self):
        return False

    def close(self):
        pass


COMMANDS = {"cat": _cat, "head": _head, "tail": _tail, "grep": _grep, "cut": _cut, "sort": _sort, "uniq": _uniq,
            "wc": _wc, "ls": _ls, "touch": _touch, "rm": _rm, "mkdir": _mkdir, "env": _env, "sleep": _sleep, "seq": _seq,
            "python3": _python, "python": _python, "printenv": _env}


def main(argv, io):
    # `/bin/sh -c LINE [NAME ARGS]` runs LINE; `/bin/sh FILE [ARGS]` runs the script FILE
    # ($0 is FILE). The exit status.
    if len(argv) < 2 or (argv[1] == "-c" and len(argv) < 3):
        io.error("concsim's /bin/sh runs a command line or a script: /bin/sh -c LINE, /bin/sh FILE\n")
        return 2
    out = _Stream(write=io.write, terminal=io._out if io._out in ("stdout", "stderr") else None)
    err = _Stream(write=io.error, terminal=io._err if io._err in ("stdout", "stderr") else None)
    shell = Shell(_IO(io.read, out, err))
    if argv[1] == "-c":
        if len(argv) > 3:
            shell.params = argv[3:]
        return shell.run(argv[2])
    try:
        with open(argv[1]) as f:
            script = f.read()
    except OSError:
        io.error("%s: 0: cannot open %s: No such file\n" % (argv[0], argv[1]))
        return 2
    shell.params = argv[1:]
    return shell.run(script)
