# concsim's time calendar functions: CPython 3.11's struct_time, gmtime, localtime, mktime,
# strftime, asctime, ctime over the native time module's clock (time() starts at
# 2024-01-01T00:00:00Z and advances with virtual time). The native `time` module takes
# these names from here on first use, so programs that only sleep or read clocks run no
# Python for them.
# Invariant: the machine's local time zone is UTC (no daylight saving), so localtime and
# gmtime agree; nothing here reads the host's clock or zone. strftime follows glibc's C
# locale, which CPython calls.

from time import time, perf_counter, perf_counter_ns

timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')

_DAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
           'September', 'October', 'November', 'December')
_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday',
           'tm_yday', 'tm_isdst')


def process_time_ns():
    return perf_counter_ns()


def thread_time():
    return perf_counter()


def thread_time_ns():
    return perf_counter_ns()


class struct_time:
    # CPython's struct_time is a structseq (a tuple with named fields); this one is a
    # sequence of its nine fields with the same names, repr, indexing and equality.
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __init__(self, seq, dict=None):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError("time.struct_time() takes an at least 9-sequence (%d-sequence given)"
                            % len(seq))
        if len(seq) > 11:
            raise TypeError("time.struct_time() takes an at most 11-sequence (%d-sequence given)"
                            % len(seq))
        self._t = seq[:9]
        self.tm_year, self.tm_mon, self.tm_mday, self.tm_hour, self.tm_min, self.tm_sec, \
            self.tm_wday, self.tm_yday, self.tm_isdst = self._t
        self.tm_zone = seq[9] if len(seq) > 9 else 'UTC'
        self.tm_gmtoff = seq[10] if len(seq) > 10 else 0

    def __repr__(self):
        return "time.struct_time(%s)" % ", ".join(
            "%s=%r" % (n, v) for n, v in zip(_FIELDS, self._t))

    __str__ = __repr__

    def __len__(self):
        return 9

    def __getitem__(self, i):
        return self._t[i]

    def __iter__(self):
        return iter(self._t)

    def __eq__(self, other):
        if isinstance(other, struct_time):
            return self._t == other._t
        if isinstance(other, tuple):
            return self._t == other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def __lt__(self, other):
        return self._t < tuple(other)

    def __hash__(self):
        return hash(self._t)

    def __reduce__(self):
        return (struct_time, (self._t,))


def _civil(days):
    # Days since 1970-01-01 -> (year, month, day), proleptic Gregorian.
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    if m <= 2:
        y += 1
    return y, m, d


def _days_from_civil(y, m, d):
    if m <= 2:
        y -= 1
    era = y // 400
    yoe = y - era * 400
    mp = m - 3 if m > 2 else m + 9
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _isleap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _secs(secs, name):
    if secs is None:
        secs = time()
    elif not isinstance(secs, (int, float)):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(secs).__name__)
    return int(secs // 1)


def gmtime(secs=None):
    s = _secs(secs, 'gmtime')
    days = s // 86400
    rem = s - days * 86400
    y, m, d = _civil(days)
    yday = days - _days_from_civil(y, 1, 1) + 1
    wday = (days + 3) % 7
    return struct_time((y, m, d, rem // 3600, rem // 60 % 60, rem % 60, wday, yday, 0, 'UTC', 0))


def localtime(secs=None):
    return gmtime(secs)


def _tuple(t, name):
    if t is None:
        return localtime()._t
    if isinstance(t, struct_time):
        return t._t
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9:
        raise TypeError("%s(): illegal time tuple argument" % name)
    return t


def mktime(t):
    y, m, d, hh, mm, ss = _tuple(t, 'mktime')[:6]
    return float(_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss)


def asctime(t=None):
    y, m, d, hh, mm, ss, wd = _tuple(t, 'asctime')[:7]
    return "%s %s %2d %02d:%02d:%02d %d" % (_DAYS[wd][:3], _MONTHS[m - 1][:3], d, hh, mm, ss, y)


def ctime(secs=None):
    return asctime(localtime(secs))


def _iso_week(y, yday, wday):
    # (ISO year, ISO week) of a date given its year, day of year (1-based) and weekday
    # (Monday 0).
    week = (yday - wday + 9) // 7
    if week < 1:
        py = y - 1
        pdays = 366 if _isleap(py) else 365
        return _iso_week(py, yday + pdays, wday)
    ydays = 366 if _isleap(y) else 365
    if week == 53 and (yday - wday + 3) > ydays:
        return y + 1, 1
    return y, week


def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % type(format).__name__)
    y, m, d, hh, mm, ss, wd, yd, dst = _tuple(t, 'strftime')
    if not 1 <= m <= 12:
        raise ValueError("month out of range")
    if not 0 <= hh <= 23:
        raise ValueError("hour out of range")
    out = []
    i = 0
    n = len(format)
    while i < n:
        c = format[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        f = format[i + 1]
        i += 2
        if f == 'Y':
            out.append(str(y))
        elif f == 'm':
            out.append("%02d" % m)
        elif f == 'd':
            out.append("%02d" % d)
        elif f == 'H':
            out.append("%02d" % hh)
        elif f == 'M':
            out.append("%02d" % mm)
        elif f == 'S':
            out.append("%02d" % ss)
        elif f == 'y':
            out.append("%02d" % (y % 100))
        elif f == 'a':
            out.append(_DAYS[wd][:3])
        elif f == 'A':
            out.append(_DAYS[wd])
        elif f == 'b' or f == 'h':
            out.append(_MONTHS[m - 1][:3])
        elif f == 'B':
            out.append(_MONTHS[m - 1])
        elif f == 'c':
            out.append(asctime((y, m, d, hh, mm, ss, wd, yd, dst)))
        elif f == 'x':
            out.append("%02d/%02d/%02d" % (m, d, y % 100))
        elif f == 'X' or f == 'T':
            out.append("%02d:%02d:%02d" % (hh, mm, ss))
        elif f == 'D':
            out.append("%02d/%02d/%02d" % (m, d, y % 100))
        elif f == 'F':
            out.append("%d-%02d-%02d" % (y, m, d))
        elif f == 'R':
            out.append("%02d:%02d" % (hh, mm))
        elif f == 'e':
            out.append("%2d" % d)
        elif f == 'j':
            out.append("%03d" % yd)
        elif f == 'I':
            out.append("%02d" % ((hh + 11) % 12 + 1))
        elif f == 'l':
            out.append("%2d" % ((hh + 11) % 12 + 1))
        elif f == 'k':
            out.append("%2d" % hh)
        elif f == 'p':
            out.append('AM' if hh < 12 else 'PM')
        elif f == 'r':
            out.append("%02d:%02d:%02d %s" % ((hh + 11) % 12 + 1, mm, ss, 'AM' if hh < 12 else 'PM'))
        elif f == 'w':
            out.append(str((wd + 1) % 7))
        elif f == 'u':
            out.append(str(wd + 1))
        elif f == 'U':
            out.append("%02d" % ((yd - 1 + 7 - (wd + 1) % 7) // 7))
        elif f == 'W':
            out.append("%02d" % ((yd - 1 + 7 - wd) // 7))
        elif f == 'V':
            out.append("%02d" % _iso_week(y, yd, wd)[1])
        elif f == 'G':
            out.append(str(_iso_week(y, yd, wd)[0]))
        elif f == 'g':
            out.append("%02d" % (_iso_week(y, yd, wd)[0] % 100))
        elif f == 'C':
            out.append("%02d" % (y // 100))
        elif f == 'Z':
            out.append('UTC')
        elif f == 'z':
            out.append('+0000')
        elif f == 's':
            out.append(str(int(mktime((y, m, d, hh, mm, ss, wd, yd, dst)))))
        elif f == 'n':
            out.append('\n')
        elif f == 't':
            out.append('\t')
        elif f == '%':
            out.append('%')
        else:
            out.append('%' + f)
    return ''.join(out)


def strptime(string, format="%a %b %d %H:%M:%S %Y"):
    raise NotImplementedError("concsim does not support time.strptime yet")


def get_clock_info(name):
    raise NotImplementedError("concsim does not support time.get_clock_info yet")
