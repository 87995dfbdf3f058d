import locale

print(locale.setlocale(locale.LC_ALL))
print(locale.getlocale(), locale.getpreferredencoding(), locale.getencoding())
print(locale.localeconv()["decimal_point"], repr(locale.localeconv()["thousands_sep"]), locale.localeconv()["grouping"])
print(locale.format_string("%.2f", 1234.5, grouping=True), locale.format_string("%d items", 3), locale.str(1.5))
print(locale.atof("1.5"), locale.atoi("12"), locale.strxfrm("b"), locale.strcoll("a", "b"), sorted(["b", "A", "a"], key=locale.strxfrm))
try:
    locale.currency(1.5)
except ValueError as e:
    print("ValueError", e)
try:
    locale.setlocale(locale.LC_ALL, "xx_YY.UTF-8")
except locale.Error as e:
    print("locale.Error", e)
print(locale.setlocale(locale.LC_ALL, "C"), locale.setlocale(locale.LC_NUMERIC), locale.getlocale())
print(locale.setlocale(locale.LC_ALL, ""), locale.setlocale(locale.LC_NUMERIC, "POSIX"))
print(locale.setlocale(locale.LC_ALL))
print(locale.LC_ALL, locale.LC_CTYPE, locale.LC_NUMERIC, locale.CHAR_MAX, issubclass(locale.Error, Exception))
