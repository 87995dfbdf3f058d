# time's calendar functions on fixed instants (gmtime, strftime, asctime, mktime of UTC
# struct_times) and math's functions and errors.
import math
import time

for t in (0, 1e9, 1704067200, 1709210096.5, 951782400, 4102444799):
    st = time.gmtime(t)
    print(st, tuple(st) == st[:], st.tm_yday, st.tm_wday)
    print(time.strftime("%Y-%m-%d %H:%M:%S|%a %A %b %B|%j %U %W %V %G %u %w|%y %C %e %I %p %%|%D %F %T %R", st))
    print(time.asctime(st), time.strftime("%c|%x|%X", st))
print(time.struct_time((2024, 2, 29, 12, 0, 0, 3, 60, 0)))
print(time.strftime("%H:%M", (2024, 1, 1, 7, 5, 0, 0, 1, 0)))
try:
    time.strftime("%Y", (2024, 1, 1))
except TypeError as e:
    print("TypeError:", e)
print(type(time.time()), type(time.perf_counter()), type(time.monotonic()))

print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(2.9), math.floor(3))
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.factorial(25), math.gcd(48, 18, 12), math.lcm(4, 6), math.isqrt(10**20 + 1), math.comb(52, 5), math.perm(5, 2))
print(math.log(100, 10), math.log(math.e), math.log2(1024), math.log10(0.001), math.exp(2))
print(math.sin(math.pi / 2), math.cos(0), math.atan2(-1, -1), math.degrees(math.pi), math.radians(180))
print(math.hypot(3, 4), math.hypot(1, 2, 2), math.dist((0, 0), (3, 4)), math.fabs(-3), math.copysign(2, -0.0))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.prod(range(1, 6)), math.isclose(1.0, 1.0 + 1e-10))
print(math.pow(2, 0.5), math.fmod(7, -3), math.modf(3.25), math.frexp(8.0), math.ldexp(0.5, 4))
for bad in (lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1),
            lambda: math.exp(1000), lambda: math.floor(float("nan")), lambda: math.factorial(2.5)):
    try:
        bad()
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
