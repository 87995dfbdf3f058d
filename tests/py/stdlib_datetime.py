# datetime on fixed values: timedelta arithmetic, str and repr; date and datetime
# construction, strftime, isoformat, arithmetic, comparisons, time zones; now() is checked
# only for its type and for moving forward.
import datetime as dt
from datetime import date, datetime, timedelta, timezone
import time

td = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)
print(td, repr(td), td.days, td.seconds, td.microseconds, td.total_seconds())
print(timedelta(0), repr(timedelta(0)), timedelta(seconds=-1), repr(timedelta(seconds=-1)), timedelta(weeks=2))
print(timedelta(milliseconds=1500), timedelta(seconds=90) * 2, timedelta(seconds=90) / 2,
      timedelta(hours=1) / timedelta(minutes=15), timedelta(hours=1) // timedelta(minutes=7),
      timedelta(hours=1) % timedelta(minutes=7), -timedelta(days=1, seconds=1), abs(timedelta(-1)))
print(timedelta(seconds=1.5), timedelta(seconds=0.1) * 3, timedelta(days=2) > timedelta(hours=47), bool(timedelta()))
d = date(2024, 2, 28)
print(d, repr(d), d + timedelta(days=1), d + timedelta(days=2), d - date(2023, 12, 25), d.weekday(), d.isoweekday())
print(d.strftime("%A %d %B %Y"), d.isoformat(), d.toordinal(), date.fromordinal(738000), d.isocalendar()[:2], d.ctime())
print(date(2024, 1, 1) < d, d.replace(day=1), date.fromisoformat("2023-07-04"), f"{d:%m/%d/%y}")
x = datetime(2024, 3, 10, 14, 30, 5, 123456)
print(x, repr(x), x.isoformat(), x.isoformat(timespec="seconds"), x.isoformat(" ", "milliseconds"))
print(x.strftime("%Y-%m-%d %H:%M:%S.%f %p %I"), x.date(), x.time(), repr(x.time()), x.timestamp())
print(repr(datetime(2024, 1, 1)), repr(datetime(2024, 1, 1, 0, 0, 1)), datetime(2024, 1, 1) + timedelta(hours=36))
print(x - datetime(2024, 1, 1), datetime(2024, 1, 1) - x, x - timedelta(days=10), x > datetime(2024, 3, 10))
print(datetime.fromtimestamp(1e9, timezone.utc), datetime.utcfromtimestamp(0), datetime.fromisoformat("2024-05-06T07:08:09"))
u = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
print(u, repr(u), u.isoformat(), u.strftime("%H:%M %z %Z"), u.timestamp(), u.tzname(), u.utcoffset())
plus2 = timezone(timedelta(hours=2))
print(plus2, repr(plus2), u.astimezone(plus2), u.astimezone(plus2) == u, timezone(timedelta(hours=-5, minutes=-30), "X"))
try:
    u < datetime(2024, 1, 1)
except TypeError as e:
    print("TypeError:", e)
for bad in (lambda: date(2023, 2, 29), lambda: datetime(2024, 13, 1), lambda: datetime(2024, 1, 1, 24)):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
start = datetime.now()
time.sleep(0.25)
elapsed = datetime.now() - start
print(type(start).__name__, elapsed >= timedelta(seconds=0.25), elapsed < timedelta(seconds=5), dt.MINYEAR, dt.MAXYEAR)
print(sorted([date(2024, 1, 2), date(2023, 5, 5)]), hash(date(2024, 1, 1)) == hash(date(2024, 1, 1)))
