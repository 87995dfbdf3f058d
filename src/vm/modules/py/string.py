# concsim's string: CPython 3.11's constants, capwords and Template ($name, ${name}, $$;
# substitute raises KeyError / ValueError as CPython's, safe_substitute leaves unknown
# placeholders).
# Invariant: Template's placeholders are Python identifiers (ASCII letters, digits, _),
# matched as CPython's default pattern matches them.

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
           "hexdigits", "octdigits", "printable", "punctuation", "whitespace", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join([x.capitalize() for x in s.split(sep)])


_IDSTART = ascii_letters + '_'
_IDCHARS = _IDSTART + digits


class Template:
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _scan(self, mapping, safe):
        t = self.template
        d = self.delimiter
        out = []
        i = 0
        n = len(t)
        while i < n:
            j = t.find(d, i)
            if j < 0:
                out.append(t[i:])
                break
            out.append(t[i:j])
            k = j + len(d)
            if t[k:k + len(d)] == d:
                out.append(d)
                i = k + len(d)
                continue
            if k < n and t[k] == '{':
                end = k + 1
                while end < n and t[end] in _IDCHARS:
                    end += 1
                name = t[k + 1:end]
                if name and name[0] in _IDSTART and end < n and t[end] == '}':
                    out.append(self._lookup(mapping, name, safe, t[j:end + 1]))
                    i = end + 1
                    continue
            elif k < n and t[k] in _IDSTART:
                end = k
                while end < n and t[end] in _IDCHARS:
                    end += 1
                name = t[k:end]
                out.append(self._lookup(mapping, name, safe, t[j:end]))
                i = end
                continue
            if safe:
                out.append(d)
                i = k
                continue
            lines = t[:k].splitlines(keepends=True)
            if not lines:
                colno = 1
                lineno = 1
            else:
                colno = k - len(''.join(lines[:-1]))
                lineno = len(lines)
            raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))
        return ''.join(out)

    def _lookup(self, mapping, name, safe, text):
        if safe:
            try:
                return str(mapping[name])
            except KeyError:
                return text
        return str(mapping[name])

    def substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            merged = dict(mapping)
            merged.update(kws)
            mapping = merged
        return self._scan(mapping, False)

    def safe_substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            merged = dict(mapping)
            merged.update(kws)
            mapping = merged
        return self._scan(mapping, True)

    def get_identifiers(self):
        ids = []

        class _Collect:
            def __getitem__(self, key):
                if key not in ids:
                    ids.append(key)
                return ''
        self._scan(_Collect(), True)
        return ids

    def is_valid(self):
        try:
            self._scan({}, True)
        except ValueError:
            return False
        return True
