# locale: CPython 3.11's locale module on the simulated machine, whose only locales are C,
# POSIX and C.UTF-8 (LANG=C.UTF-8, as a container's): setlocale/getlocale, localeconv (the C
# locale's conventions), getpreferredencoding/getencoding, format_string/str/atof/atoi/
# delocalize/localize (with the C locale's "." and no grouping), strcoll/strxfrm (code point
# order), currency (CPython's error in the C locale), the LC_* constants and locale.Error.
# Invariant: the per-category settings change only through setlocale, and every answer is the
# one CPython gives under those settings.
# Not supported: other locales (locale.Error "unsupported locale setting", as on a machine
# without them), nl_langinfo, bindtextdomain and the gettext functions.

__all__ = ["getlocale", "getdefaultlocale", "getpreferredencoding", "Error", "setlocale",
           "localeconv", "strcoll", "strxfrm", "str", "atof", "atoi", "format_string",
           "currency", "normalize", "LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_MONETARY",
           "LC_NUMERIC", "LC_ALL", "LC_MESSAGES", "CHAR_MAX", "getencoding", "delocalize",
           "localize"]

_str = str

LC_CTYPE = 0
LC_NUMERIC = 1
LC_TIME = 2
LC_COLLATE = 3
LC_MONETARY = 4
LC_MESSAGES = 5
LC_ALL = 6
CHAR_MAX = 127
_NAMES = ["LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES",
          "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT",
          "LC_IDENTIFICATION"]
_settings = ["C.UTF-8"] + ["C"] * 11
_KNOWN = ("C", "POSIX", "C.UTF-8", "C.utf8")


class Error(Exception):
    __module__ = "locale"


def setlocale(category, locale=None):
    if not isinstance(category, int):
        raise TypeError("an integer is required")
    if not 0 <= category <= LC_ALL:
        raise Error("unsupported locale setting")
    if locale is not None and not isinstance(locale, _str):
        if isinstance(locale, (tuple, list)):
            locale = ".".join(x for x in locale if x) or "C"
        else:
            raise TypeError("setlocale() argument 2 must be str or None, not %s"
                            % type(locale).__name__)
    if locale is None:
        if category == LC_ALL:
            if all(s == _settings[0] for s in _settings):
                return _settings[0]
            return ";".join("%s=%s" % (n, s) for n, s in zip(_NAMES, _settings))
        return _settings[category]
    if locale == "":
        locale = "C.UTF-8"
    if locale not in _KNOWN:
        raise Error("unsupported locale setting")
    if locale == "POSIX":
        locale = "C"
    if category == LC_ALL:
        for i in range(len(_settings)):
            _settings[i] = locale
    else:
        _settings[category] = locale
    return locale


def getlocale(category=LC_CTYPE):
    if category == LC_ALL:
        raise TypeError("category LC_ALL is not supported")
    name = _settings[category]
    if name in ("C", "POSIX"):
        return (None, None)
    return ("en_US", "UTF-8")


def getdefaultlocale(envvars=("LC_ALL", "LC_CTYPE", "LANG", "LANGUAGE")):
    import warnings
    warnings.warn("'locale.getdefaultlocale' is deprecated and slated for removal in Python "
                  "3.15. Use setlocale(), getencoding() and getlocale() instead.",
                  DeprecationWarning, stacklevel=2)
    return ("en_US", "UTF-8")


def getpreferredencoding(do_setlocale=True):
    return "UTF-8"


def getencoding():
    return "UTF-8"


def normalize(localename):
    return localename


def localeconv():
    return {"int_curr_symbol": "", "currency_symbol": "", "mon_decimal_point": "",
            "mon_thousands_sep": "", "mon_grouping": [], "positive_sign": "",
            "negative_sign": "", "int_frac_digits": CHAR_MAX, "frac_digits": CHAR_MAX,
            "p_cs_precedes": CHAR_MAX, "p_sep_by_space": CHAR_MAX, "n_cs_precedes": CHAR_MAX,
            "n_sep_by_space": CHAR_MAX, "p_sign_posn": CHAR_MAX, "n_sign_posn": CHAR_MAX,
            "decimal_point": ".", "thousands_sep": "", "grouping": []}


def strcoll(a, b):
    if not isinstance(a, _str) or not isinstance(b, _str):
        raise TypeError("strcoll() argument must be str")
    return (a > b) - (a < b)


def strxfrm(s):
    if not isinstance(s, _str):
        raise TypeError("strxfrm() argument must be str, not %s" % type(s).__name__)
    return s


def format_string(f, val, grouping=False, monetary=False):
    return f % val


def currency(val, symbol=True, grouping=False, international=False):
    raise ValueError("Currency formatting is not possible using the 'C' locale.")


def str(val):
    return format_string("%.12g", val)


def delocalize(string):
    return string


def localize(string, grouping=False, monetary=False):
    return string


def atof(string, func=float):
    return func(delocalize(string))


def atoi(string):
    return int(delocalize(string))
