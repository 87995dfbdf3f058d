# argparse: ArgumentParser in CPython 3.11's design — actions (store, store_const,
# store_true/false, append, append_const, extend, count, help, version), positionals and
# -x/--long optionals with nargs None/?/*/+/N, type, choices, default, required, dest,
# metavar; argument groups; CPython's usage and help layout (HelpFormatter and its
# RawDescription/RawText/ArgumentDefaults variants) and its error messages (usage + "prog:
# error: ..." on stderr, exit status 2).
# Invariant: positionals are allocated to runs of arguments between options as CPython's
# greedy pattern matching does (a positional is consumed by the first run that can satisfy
# it), so the same command lines give the same Namespace or the same error.
# Not supported: subparsers, mutually exclusive groups, parents, fromfile_prefix_chars,
# REMAINDER/PARSER nargs, BooleanOptionalAction, intermixed parsing (each raises
# NotImplementedError); the help width comes from $COLUMNS (80 when unset), not the terminal.

import os as _os
import sys as _sys

__all__ = ["ArgumentParser", "ArgumentError", "ArgumentTypeError", "FileType", "HelpFormatter",
           "ArgumentDefaultsHelpFormatter", "RawDescriptionHelpFormatter", "RawTextHelpFormatter",
           "Namespace", "Action", "ONE_OR_MORE", "OPTIONAL", "SUPPRESS", "ZERO_OR_MORE"]

SUPPRESS = "==SUPPRESS=="
OPTIONAL = "?"
ZERO_OR_MORE = "*"
ONE_OR_MORE = "+"
PARSER = "A..."
REMAINDER = "..."


def _collapse(text):
    return " ".join(text.split())


class _AttributeHolder:
    def __repr__(self):
        args = []
        star = {}
        for name, value in self._get_kwargs():
            if name.isidentifier():
                args.append("%s=%r" % (name, value))
            else:
                star[name] = value
        if star:
            args.append("**%r" % (star,))
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def _get_kwargs(self):
        return list(self.__dict__.items())


class Namespace(_AttributeHolder):
    def __init__(self, **kwargs):
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __eq__(self, other):
        if not isinstance(other, Namespace):
            return NotImplemented
        return vars(self) == vars(other)

    def __contains__(self, key):
        return key in self.__dict__


class ArgumentError(Exception):
    def __init__(self, argument, message):
        self.argument_name = _get_action_name(argument)
        self.message = message
        Exception.__init__(self, message)

    def __str__(self):
        if self.argument_name is None:
            return self.message
        return "argument %s: %s" % (self.argument_name, self.message)


class ArgumentTypeError(Exception):
    pass


def _get_action_name(argument):
    if argument is None:
        return None
    if argument.option_strings:
        return "/".join(argument.option_strings)
    if argument.metavar not in (None, SUPPRESS):
        return argument.metavar
    if argument.dest not in (None, SUPPRESS):
        return argument.dest
    return None


# ---- help formatting ----

class HelpFormatter:
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            try:
                width = int(_os.environ.get("COLUMNS", "80"))
            except ValueError:
                width = 80
            width -= 2
        self._prog = prog
        self._width = width
        self._max_help_position = min(max_help_position, max(width - 20, indent_increment * 2))

    # -- text --
    def _fill_text(self, text, width, indent):
        import textwrap
        return textwrap.fill(_collapse(text), width, initial_indent=indent, subsequent_indent=indent)

    def _split_lines(self, text, width):
        import textwrap
        return textwrap.wrap(_collapse(text), width)

    def _format_text(self, text, indent):
        if "%(prog)" in text:
            text = text % dict(prog=self._prog)
        width = max(self._width - indent, 11)
        return self._fill_text(text, width, " " * indent) + "\n\n"

    def _get_help_string(self, action):
        return action.help

    # -- metavars --
    def _metavar_formatter(self, action, default):
        if action.metavar is not None:
            result = action.metavar
        elif action.choices is not None:
            result = "{%s}" % ",".join([str(c) for c in action.choices])
        else:
            result = default

        def fmt(size):
            if isinstance(result, tuple):
                return result
            return (result,) * size
        return fmt

    def _format_args(self, action, default):
        get = self._metavar_formatter(action, default)
        n = action.nargs
        if n is None:
            return "%s" % get(1)
        if n == OPTIONAL:
            return "[%s]" % get(1)
        if n == ZERO_OR_MORE:
            m = get(1)
            if len(m) == 2:
                return "[%s [%s ...]]" % m
            return "[%s ...]" % m
        if n == ONE_OR_MORE:
            return "%s [%s ...]" % get(2)
        if n == SUPPRESS:
            return ""
        try:
            formats = ["%s"] * n
        except TypeError:
            raise ValueError("invalid nargs value") from None
        return " ".join(formats) % get(n)

    def _format_action_invocation(self, action):
        if not action.option_strings:
            (metavar,) = self._metavar_formatter(action, action.dest)(1)
            return metavar
        if action.nargs == 0:
            return ", ".join(action.option_strings)
        args = self._format_args(action, action.dest.upper())
        return ", ".join(["%s %s" % (o, args) for o in action.option_strings])

    # -- usage --
    def _usage_parts(self, actions):
        opt_parts = []
        pos_parts = []
        for action in actions:
            if action.help is SUPPRESS:
                continue
            if not action.option_strings:
                part = self._format_args(action, action.dest)
                if part:
                    pos_parts.extend(_split_usage(part))
            else:
                if action.nargs == 0:
                    part = action.option_strings[0]
                else:
                    part = "%s %s" % (action.option_strings[0], self._format_args(action, action.dest.upper()))
                if not action.required:
                    part = "[%s]" % part
                opt_parts.extend(_split_usage(part))
        return opt_parts, pos_parts

    def _format_usage(self, usage, actions, prefix="usage: "):
        prog = self._prog
        if usage is not None:
            return prefix + (usage % dict(prog=prog)) + "\n\n"
        if not actions:
            return prefix + prog + "\n\n"
        opt_parts, pos_parts = self._usage_parts(actions)
        text = " ".join([s for s in [prog] + opt_parts + pos_parts if s])
        text_width = self._width
        if len(prefix) + len(text) > text_width:
            def get_lines(parts, indent, pre=None):
                lines = []
                line = []
                line_len = len(pre) - 1 if pre is not None else len(indent) - 1
                for part in parts:
                    if line_len + 1 + len(part) > text_width and line:
                        lines.append(indent + " ".join(line))
                        line = []
                        line_len = len(indent) - 1
                    line.append(part)
                    line_len += len(part) + 1
                if line:
                    lines.append(indent + " ".join(line))
                if pre is not None:
                    lines[0] = lines[0][len(indent):]
                return lines

            if len(prefix) + len(prog) <= 0.75 * text_width:
                indent = " " * (len(prefix) + len(prog) + 1)
                if opt_parts:
                    lines = get_lines([prog] + opt_parts, indent, prefix)
                    lines.extend(get_lines(pos_parts, indent))
                elif pos_parts:
                    lines = get_lines([prog] + pos_parts, indent, prefix)
                else:
                    lines = [prog]
            else:
                indent = " " * len(prefix)
                lines = get_lines(opt_parts + pos_parts, indent)
                if len(lines) > 1:
                    lines = get_lines(opt_parts, indent) + get_lines(pos_parts, indent)
                lines = [prog] + lines
            text = "\n".join(lines)
        return prefix + text + "\n\n"

    # -- actions --
    def _expand_help(self, action):
        params = dict(vars(action), prog=self._prog)
        for name in list(params):
            if params[name] is SUPPRESS:
                del params[name]
        for name in list(params):
            if hasattr(params[name], "__name__"):
                params[name] = params[name].__name__
        if params.get("choices") is not None:
            params["choices"] = ", ".join([str(c) for c in params["choices"]])
        return self._get_help_string(action) % params

    def _format_action(self, action, help_position, indent):
        help_width = max(self._width - help_position, 11)
        action_width = help_position - indent - 2
        header = self._format_action_invocation(action)
        if not action.help:
            parts = ["%*s%s\n" % (indent, "", header)]
        elif len(header) <= action_width:
            parts = ["%*s%-*s  " % (indent, "", action_width, header)]
            indent_first = 0
        else:
            parts = ["%*s%s\n" % (indent, "", header)]
            indent_first = help_position
        if action.help:
            lines = self._split_lines(self._expand_help(action), help_width)
            if lines:
                parts.append("%*s%s\n" % (indent_first, "", lines[0]))
                for line in lines[1:]:
                    parts.append("%*s%s\n" % (help_position, "", line))
            elif not parts[0].endswith("\n"):
                parts.append("\n")
        return "".join(parts)

    def format_help(self, parser):
        shown = [a for a in parser._actions if a.help is not SUPPRESS]
        max_len = 0
        for group in parser._action_groups:
            for a in group._group_actions:
                if a.help is not SUPPRESS:
                    max_len = max(max_len, len(self._format_action_invocation(a)) + 2)
        help_position = min(max_len + 2, self._max_help_position)
        out = [self._format_usage(parser.usage, shown)]
        if parser.description:
            out.append(self._format_text(parser.description, 0))
        for group in parser._action_groups:
            items = []
            if group.description:
                items.append(self._format_text(group.description, 2))
            for a in group._group_actions:
                if a.help is not SUPPRESS:
                    items.append(self._format_action(a, help_position, 2))
            item_help = "".join(items)
            if item_help:
                heading = "%s:\n" % group.title if group.title else ""
                out.append("\n" + heading + item_help + "\n")
        if parser.epilog:
            out.append(self._format_text(parser.epilog, 0))
        text = "".join(out)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip("\n") + "\n"


def _split_usage(part):
    # Split a positional's usage ("x [x ...]") into words, keeping bracketed groups whole.
    parts = []
    i = 0
    n = len(part)
    while i < n:
        if part[i] == " ":
            i += 1
            continue
        j = i
        depth = 0
        while j < n and (depth > 0 or part[j] != " "):
            if part[j] == "[":
                depth += 1
            elif part[j] == "]":
                depth -= 1
            j += 1
        parts.append(part[i:j])
        i = j
    return parts


class RawDescriptionHelpFormatter(HelpFormatter):
    def _fill_text(self, text, width, indent):
        return "".join([indent + line for line in text.splitlines(True)])


class RawTextHelpFormatter(RawDescriptionHelpFormatter):
    def _split_lines(self, text, width):
        return text.splitlines()


class ArgumentDefaultsHelpFormatter(HelpFormatter):
    def _get_help_string(self, action):
        help = action.help
        if help is None:
            help = ""
        if "%(default)" not in help and action.default is not SUPPRESS:
            if action.option_strings or action.nargs in (OPTIONAL, ZERO_OR_MORE):
                help += " (default: %(default)s)"
        return help


# ---- actions ----

class Action(_AttributeHolder):
    def __init__(self, option_strings, dest, nargs=None, const=None, default=None, type=None,
                 choices=None, required=False, help=None, metavar=None):
        self.option_strings = option_strings
        self.dest = dest
        self.nargs = nargs
        self.const = const
        self.default = default
        self.type = type
        self.choices = choices
        self.required = required
        self.help = help
        self.metavar = metavar

    def _get_kwargs(self):
        names = ["option_strings", "dest", "nargs", "const", "default", "type", "choices",
                 "required", "help", "metavar"]
        return [(name, getattr(self, name)) for name in names]

    def format_usage(self):
        return self.option_strings[0]

    def __call__(self, parser, namespace, values, option_string=None):
        raise NotImplementedError("__call__() not defined")


class _StoreAction(Action):
    def __init__(self, option_strings, dest, nargs=None, **kwargs):
        if nargs == 0:
            raise ValueError("nargs for store actions must be != 0; if you have nothing to store, "
                             "actions such as store true or store const may be more appropriate")
        if kwargs.get("const") is not None and nargs != OPTIONAL:
            raise ValueError("nargs must be %r to supply const" % OPTIONAL)
        super().__init__(option_strings, dest, nargs=nargs, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)


class _StoreConstAction(Action):
    def __init__(self, option_strings, dest, const=None, default=None, required=False, help=None, metavar=None):
        super().__init__(option_strings, dest, nargs=0, const=const, default=default,
                         required=required, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, self.const)


class _StoreTrueAction(_StoreConstAction):
    def __init__(self, option_strings, dest, default=False, required=False, help=None):
        super().__init__(option_strings, dest, const=True, default=default, required=required, help=help)


class _StoreFalseAction(_StoreConstAction):
    def __init__(self, option_strings, dest, default=True, required=False, help=None):
        super().__init__(option_strings, dest, const=False, default=default, required=required, help=help)


class _AppendAction(Action):
    def __init__(self, option_strings, dest, nargs=None, **kwargs):
        if nargs == 0:
            raise ValueError("nargs for append actions must be != 0; if arg strings are not "
                             "supplying the value to append, the append const action may be more appropriate")
        super().__init__(option_strings, dest, nargs=nargs, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        items = getattr(namespace, self.dest, None)
        items = [] if items is None else list(items)
        items.append(values)
        setattr(namespace, self.dest, items)


class _AppendConstAction(Action):
    def __init__(self, option_strings, dest, const=None, default=None, required=False, help=None, metavar=None):
        super().__init__(option_strings, dest, nargs=0, const=const, default=default,
                         required=required, help=help, metavar=metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        items = getattr(namespace, self.dest, None)
        items = [] if items is None else list(items)
        items.append(self.const)
        setattr(namespace, self.dest, items)


class _ExtendAction(_AppendAction):
    def __call__(self, parser, namespace, values, option_string=None):
        items = getattr(namespace, self.dest, None)
        items = [] if items is None else list(items)
        items.extend(values)
        setattr(namespace, self.dest, items)


class _CountAction(Action):
    def __init__(self, option_strings, dest, default=None, required=False, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default, required=required, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        count = getattr(namespace, self.dest, None)
        if count is None:
            count = 0
        setattr(namespace, self.dest, count + 1)


class _HelpAction(Action):
    def __init__(self, option_strings, dest=SUPPRESS, default=SUPPRESS, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        parser.print_help()
        parser.exit()


class _VersionAction(Action):
    def __init__(self, option_strings, version=None, dest=SUPPRESS, default=SUPPRESS,
                 help="show program's version number and exit"):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)
        self.version = version

    def __call__(self, parser, namespace, values, option_string=None):
        version = self.version
        if version is None:
            version = parser.version
        formatter = parser._get_formatter()
        parser._print_message(formatter._format_text(version, 0).strip("\n") + "\n", _sys.stdout)
        parser.exit()


_ACTIONS = {
    None: _StoreAction, "store": _StoreAction, "store_const": _StoreConstAction,
    "store_true": _StoreTrueAction, "store_false": _StoreFalseAction, "append": _AppendAction,
    "append_const": _AppendConstAction, "extend": _ExtendAction, "count": _CountAction,
    "help": _HelpAction, "version": _VersionAction,
}


class FileType:
    def __init__(self, mode="r", bufsize=-1, encoding=None, errors=None):
        self._mode = mode
        self._encoding = encoding

    def __call__(self, string):
        if string == "-":
            return _sys.stdin if "r" in self._mode else _sys.stdout
        try:
            return open(string, self._mode, encoding=self._encoding)
        except OSError as e:
            raise ArgumentTypeError("can't open '%s': %s" % (string, e))


# ---- containers and the parser ----

class _ArgumentGroup:
    def __init__(self, container, title=None, description=None):
        self._container = container
        self.title = title
        self.description = description
        self._group_actions = []

    def add_argument(self, *args, **kwargs):
        action = self._container.add_argument(*args, _group=self, **kwargs)
        return action

    def add_argument_group(self, *args, **kwargs):
        return self._container.add_argument_group(*args, **kwargs)

    def add_mutually_exclusive_group(self, **kwargs):
        return self._container.add_mutually_exclusive_group(**kwargs)


class ArgumentParser(_AttributeHolder):
    def __init__(self, prog=None, usage=None, description=None, epilog=None, parents=[],
                 formatter_class=HelpFormatter, prefix_chars="-", fromfile_prefix_chars=None,
                 argument_default=None, conflict_handler="error", add_help=True,
                 allow_abbrev=True, exit_on_error=True):
        if parents:
            raise NotImplementedError("concsim does not support argparse parents yet")
        if fromfile_prefix_chars is not None:
            raise NotImplementedError("concsim does not support fromfile_prefix_chars yet")
        if prog is None:
            prog = _os.path.basename(_sys.argv[0]) if _sys.argv else ""
        self.prog = prog
        self.usage = usage
        self.description = description
        self.epilog = epilog
        self.formatter_class = formatter_class
        self.prefix_chars = prefix_chars
        self.argument_default = argument_default
        self.conflict_handler = conflict_handler
        self.add_help = add_help
        self.allow_abbrev = allow_abbrev
        self.exit_on_error = exit_on_error
        self._actions = []
        self._option_string_actions = {}
        self._defaults = {}
        self._has_negative_number_optionals = []
        self._positionals = self.add_argument_group("positional arguments")
        self._optionals = self.add_argument_group("options")
        if add_help:
            p = "h" if "-" in prefix_chars else prefix_chars[0]
            d = prefix_chars[0]
            self.add_argument(d + p, d * 2 + "help", action="help", default=SUPPRESS,
                              help="show this help message and exit")

    def _get_kwargs(self):
        names = ["prog", "usage", "description", "formatter_class", "conflict_handler", "add_help"]
        return [(name, getattr(self, name)) for name in names]

    # -- building --
    def add_argument_group(self, title=None, description=None, **kwargs):
        group = _ArgumentGroup(self, title, description)
        if not hasattr(self, "_action_groups"):
            self._action_groups = []
        self._action_groups.append(group)
        return group

    def add_mutually_exclusive_group(self, **kwargs):
        raise NotImplementedError("concsim does not support mutually exclusive groups in argparse yet")

    def add_subparsers(self, **kwargs):
        raise NotImplementedError("concsim does not support argparse subparsers yet")

    def set_defaults(self, **kwargs):
        self._defaults.update(kwargs)
        for action in self._actions:
            if action.dest in kwargs:
                action.default = kwargs[action.dest]

    def get_default(self, dest):
        for action in self._actions:
            if action.dest == dest and action.default is not None:
                return action.default
        return self._defaults.get(dest, None)

    def add_argument(self, *args, _group=None, **kwargs):
        chars = self.prefix_chars
        if not args or len(args) == 1 and args[0] and args[0][0] not in chars:
            if args and "dest" in kwargs:
                raise ValueError("dest supplied twice for positional argument")
            kwargs = self._get_positional_kwargs(*args, **kwargs)
        else:
            kwargs = self._get_optional_kwargs(*args, **kwargs)
        if "default" not in kwargs:
            dest = kwargs["dest"]
            if dest in self._defaults:
                kwargs["default"] = self._defaults[dest]
            elif self.argument_default is not None:
                kwargs["default"] = self.argument_default
        action_name = kwargs.pop("action", None)
        if action_name in (PARSER, REMAINDER) or kwargs.get("nargs") in (PARSER, REMAINDER):
            raise NotImplementedError("concsim does not support argparse.REMAINDER yet")
        if isinstance(action_name, type):
            action_class = action_name
        elif action_name in _ACTIONS:
            action_class = _ACTIONS[action_name]
        elif action_name == "parsers":
            raise NotImplementedError("concsim does not support argparse subparsers yet")
        else:
            raise ValueError('unknown action "%s"' % (action_name,))
        action = action_class(**kwargs)
        type_func = action.type
        if type_func is not None and not callable(type_func):
            raise ValueError("%r is not callable" % (type_func,))
        if type_func is FileType:
            raise ValueError("%r is a FileType class object, instance of it must be passed" % (type_func,))
        try:
            self._get_formatter()._format_args(action, None)
        except TypeError:
            raise ValueError("length of metavar tuple does not match nargs")
        if _group is None:
            _group = self._optionals if action.option_strings else self._positionals
        return self._add_action(action, _group)

    def _add_action(self, action, group):
        for option_string in action.option_strings:
            if option_string in self._option_string_actions:
                if self.conflict_handler == "resolve":
                    raise NotImplementedError("concsim does not support conflict_handler='resolve' yet")
                raise ArgumentError(action, "conflicting option string: %s" % option_string)
        self._actions.append(action)
        group._group_actions.append(action)
        for option_string in action.option_strings:
            self._option_string_actions[option_string] = action
            if _looks_negative(option_string):
                self._has_negative_number_optionals.append(True)
        return action

    def _get_positional_kwargs(self, dest, **kwargs):
        if "required" in kwargs:
            raise TypeError("'required' is an invalid argument for positionals")
        if kwargs.get("nargs") not in (OPTIONAL, ZERO_OR_MORE):
            kwargs["required"] = True
        if kwargs.get("nargs") == ZERO_OR_MORE and "default" not in kwargs:
            kwargs["required"] = True
        return dict(kwargs, dest=dest, option_strings=[])

    def _get_optional_kwargs(self, *args, **kwargs):
        option_strings = []
        long_option_strings = []
        for option_string in args:
            if not option_string or option_string[0] not in self.prefix_chars:
                raise ValueError("invalid option string %r: must start with a character %r"
                                 % (option_string, self.prefix_chars))
            option_strings.append(option_string)
            if len(option_string) > 1 and option_string[1] in self.prefix_chars:
                long_option_strings.append(option_string)
        dest = kwargs.pop("dest", None)
        if dest is None:
            dest_option_string = long_option_strings[0] if long_option_strings else option_strings[0]
            dest = dest_option_string.lstrip(self.prefix_chars)
            if not dest:
                raise ValueError("dest= is required for options like %r" % option_string)
            dest = dest.replace("-", "_")
        return dict(kwargs, dest=dest, option_strings=option_strings)

    # -- parsing --
    def parse_args(self, args=None, namespace=None):
        args, argv = self.parse_known_args(args, namespace)
        if argv:
            self.error("unrecognized arguments: %s" % " ".join(argv))
        return args

    def parse_known_args(self, args=None, namespace=None):
        if args is None:
            args = _sys.argv[1:]
        else:
            args = list(args)
        if namespace is None:
            namespace = Namespace()
        for action in self._actions:
            if action.dest is not SUPPRESS and not hasattr(namespace, action.dest):
                if action.default is not SUPPRESS:
                    setattr(namespace, action.dest, action.default)
        for dest in self._defaults:
            if not hasattr(namespace, dest):
                setattr(namespace, dest, self._defaults[dest])
        if self.exit_on_error:
            try:
                namespace, args = self._parse_known_args(args, namespace)
            except ArgumentError as err:
                self.error(str(err))
        else:
            namespace, args = self._parse_known_args(args, namespace)
        return namespace, args

    def _parse_optional(self, arg_string):
        if not arg_string or arg_string[0] not in self.prefix_chars:
            return None
        if arg_string in self._option_string_actions:
            return self._option_string_actions[arg_string], arg_string, None
        if len(arg_string) == 1:
            return None
        if "=" in arg_string:
            option_string, explicit_arg = arg_string.split("=", 1)
            if option_string in self._option_string_actions:
                return self._option_string_actions[option_string], option_string, explicit_arg
        tuples = self._get_option_tuples(arg_string)
        if len(tuples) > 1:
            options = ", ".join([t[1] for t in tuples])
            self.error("ambiguous option: %s could match %s" % (arg_string, options))
        elif len(tuples) == 1:
            return tuples[0]
        if _looks_negative(arg_string) and not self._has_negative_number_optionals:
            return None
        if " " in arg_string:
            return None
        return None, arg_string, None

    def _get_option_tuples(self, option_string):
        result = []
        chars = self.prefix_chars
        if option_string[0] in chars and option_string[1] in chars:
            if self.allow_abbrev:
                if "=" in option_string:
                    prefix, explicit_arg = option_string.split("=", 1)
                else:
                    prefix, explicit_arg = option_string, None
                for s in self._option_string_actions:
                    if s.startswith(prefix):
                        result.append((self._option_string_actions[s], s, explicit_arg))
        elif option_string[0] in chars and option_string[1] not in chars:
            short_prefix = option_string[:2]
            short_arg = option_string[2:]
            for s in self._option_string_actions:
                action = self._option_string_actions[s]
                if s == short_prefix:
                    result.append((action, s, short_arg))
                elif self.allow_abbrev and s.startswith(option_string):
                    result.append((action, s, None))
        return result

    def _parse_known_args(self, arg_strings, namespace):
        # classify: 'O' an option, 'A' an argument, '-' the '--' separator
        option_tuples = {}
        pattern = []
        it = iter(range(len(arg_strings)))
        rest_args = False
        for i, s in enumerate(arg_strings):
            if rest_args:
                pattern.append("A")
            elif s == "--":
                pattern.append("-")
                rest_args = True
            else:
                t = self._parse_optional(s)
                if t is None:
                    pattern.append("A")
                else:
                    option_tuples[i] = t
                    pattern.append("O")
        del it
        seen = set()
        extras = []
        positionals = [a for a in self._actions if not a.option_strings]

        def take_action(action, argument_strings, option_string=None):
            seen.add(action)
            values = self._get_values(action, argument_strings)
            if values is not SUPPRESS:
                action(self, namespace, values, option_string)

        def consume_positionals(start):
            # the run of arguments (and '--') before the next option
            run = []
            j = start
            while j < len(pattern) and pattern[j] != "O":
                run.append(j)
                j += 1
            avail = len([k for k in run if pattern[k] == "A"])
            mins = [_nargs_range(a.nargs)[0] for a in positionals]
            count = len(positionals)
            while count > 0 and sum(mins[:count]) > avail:
                count -= 1
            taken = positionals[:count]
            left = avail
            pos = 0
            args_only = [arg_strings[k] for k in run if pattern[k] == "A"]
            used_until = start
            for idx, action in enumerate(taken):
                lo, hi = _nargs_range(action.nargs)
                rest_min = sum(mins[idx + 1:count])
                n = left - rest_min
                if hi is not None and n > hi:
                    n = hi
                take_action(action, args_only[pos:pos + n])
                pos += n
                left -= n
            del positionals[:count]
            # the index after the last argument consumed ('--' tokens count as consumed)
            consumed = 0
            for k in run:
                if consumed == pos and pattern[k] == "A":
                    break
                if pattern[k] == "A":
                    consumed += 1
                used_until = k + 1
            if pos == 0 and count == 0:
                return start
            return used_until

        def consume_optional(start):
            action, option_string, explicit_arg = option_tuples[start]
            tuples = []
            while True:
                if action is None:
                    extras.append(arg_strings[start])
                    return start + 1
                if explicit_arg is not None:
                    lo, hi = _nargs_range(action.nargs)
                    if lo == 0 and hi == 0 and option_string[1] not in self.prefix_chars and explicit_arg != "":
                        tuples.append((action, [], option_string))
                        option_string = option_string[0] + explicit_arg[0]
                        new_explicit = explicit_arg[1:] or None
                        if option_string in self._option_string_actions:
                            action = self._option_string_actions[option_string]
                            explicit_arg = new_explicit
                        else:
                            raise ArgumentError(action, "ignored explicit argument %r" % explicit_arg)
                    elif lo > 1:
                        raise ArgumentError(action, _nargs_error(action.nargs))
                    elif lo <= 1 and (hi is None or hi >= 1):
                        stop = start + 1
                        tuples.append((action, [explicit_arg], option_string))
                        break
                    else:
                        raise ArgumentError(action, "ignored explicit argument %r" % explicit_arg)
                else:
                    n = 0
                    j = start + 1
                    while j < len(pattern) and pattern[j] == "A":
                        n += 1
                        j += 1
                    lo, hi = _nargs_range(action.nargs)
                    if n < lo:
                        raise ArgumentError(action, _nargs_error(action.nargs))
                    if hi is not None and n > hi:
                        n = hi
                    stop = start + 1 + n
                    tuples.append((action, arg_strings[start + 1:stop], option_string))
                    break
            for action, args, option_string in tuples:
                take_action(action, args, option_string)
            return stop

        option_indices = sorted(option_tuples)
        max_option = option_indices[-1] if option_indices else -1
        start = 0
        while start <= max_option:
            next_option = min([i for i in option_indices if i >= start])
            if start != next_option:
                end = consume_positionals(start)
                if end > start:
                    start = end
                    continue
                start = end
            if start not in option_tuples:
                extras.extend(arg_strings[start:next_option])
                start = next_option
            start = consume_optional(start)
        stop = consume_positionals(start)
        extras.extend([s for s in arg_strings[stop:]])

        required = []
        for action in self._actions:
            if action not in seen:
                if action.required:
                    required.append(_get_action_name(action))
                elif (action.default is not None and isinstance(action.default, str)
                        and hasattr(namespace, action.dest)
                        and action.default is getattr(namespace, action.dest)):
                    setattr(namespace, action.dest, self._get_value(action, action.default))
        if required:
            self.error("the following arguments are required: %s" % ", ".join(required))
        return namespace, extras

    def _get_values(self, action, arg_strings):
        if action.nargs not in (PARSER, REMAINDER):
            try:
                arg_strings.remove("--")
            except ValueError:
                pass
        if not arg_strings and action.nargs == OPTIONAL:
            value = action.const if action.option_strings else action.default
            if isinstance(value, str):
                value = self._get_value(action, value)
                self._check_value(action, value)
        elif not arg_strings and action.nargs == ZERO_OR_MORE and not action.option_strings:
            value = action.default if action.default is not None else arg_strings
            self._check_value(action, value)
        elif len(arg_strings) == 1 and action.nargs in (None, OPTIONAL):
            value = self._get_value(action, arg_strings[0])
            self._check_value(action, value)
        else:
            value = [self._get_value(action, v) for v in arg_strings]
            for v in value:
                self._check_value(action, v)
        return value

    def _get_value(self, action, arg_string):
        type_func = action.type if action.type is not None else (lambda x: x)
        try:
            return type_func(arg_string)
        except ArgumentTypeError as err:
            raise ArgumentError(action, str(err))
        except (TypeError, ValueError):
            name = getattr(action.type, "__name__", repr(action.type))
            raise ArgumentError(action, "invalid %s value: %r" % (name, arg_string))

    def _check_value(self, action, value):
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise ArgumentError(action, "invalid choice: %r (choose from %s)" % (value, choices))

    # -- output --
    def _get_formatter(self):
        return self.formatter_class(prog=self.prog)

    def format_usage(self):
        f = self._get_formatter()
        return f._format_usage(self.usage, [a for a in self._actions if a.help is not SUPPRESS]).rstrip("\n") + "\n"

    def format_help(self):
        return self._get_formatter().format_help(self)

    def print_usage(self, file=None):
        if file is None:
            file = _sys.stdout
        self._print_message(self.format_usage(), file)

    def print_help(self, file=None):
        if file is None:
            file = _sys.stdout
        self._print_message(self.format_help(), file)

    def _print_message(self, message, file=None):
        if message:
            file = file or _sys.stderr
            file.write(message)

    def exit(self, status=0, message=None):
        if message:
            self._print_message(message, _sys.stderr)
        _sys.exit(status)

    def error(self, message):
        self.print_usage(_sys.stderr)
        self.exit(2, "%s: error: %s\n" % (self.prog, message))


def _looks_negative(s):
    # CPython's '^-\d+$|^-\d*\.\d+$'
    if len(s) < 2 or s[0] != "-":
        return False
    body = s[1:]
    if body.isdigit():
        return True
    head, dot, tail = body.partition(".")
    return dot == "." and (head == "" or head.isdigit()) and tail.isdigit()


def _nargs_range(nargs):
    if nargs is None:
        return 1, 1
    if nargs == OPTIONAL:
        return 0, 1
    if nargs == ZERO_OR_MORE:
        return 0, None
    if nargs == ONE_OR_MORE:
        return 1, None
    return nargs, nargs


def _nargs_error(nargs):
    if nargs is None:
        return "expected one argument"
    if nargs == OPTIONAL:
        return "expected at most one argument"
    if nargs == ONE_OR_MORE:
        return "expected at least one argument"
    return "expected %s argument%s" % (nargs, "" if nargs == 1 else "s")
