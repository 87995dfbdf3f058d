import decimal
from decimal import Decimal, getcontext, localcontext, ROUND_HALF_UP, ROUND_DOWN, ROUND_FLOOR
import threading

D = Decimal
print(D("1.1") + D("2.2"), D("1.10") + D("2.2"), D("10") - D("0.001"), D("1.5") * D("2"))
print(D(1) / D(3), D(2) / D(3), D(1) / D(4), D(10) / D(5), D("1.00") / D("4"), D(100) / D(4))
print(D(7) // D(2), D(-7) // D(2), D(7) % D(3), D(-7) % D(3), divmod(D("7.5"), D(2)))
print(D("2") ** 10, D("1.1") ** 3, D(2) ** -2, D("0.5") ** 2, D(2).sqrt(), D(16).sqrt(), D("0.25").sqrt())
print(D(0.1), D(1.5), D(-0.0), D(10), D(-3), D("1e3"), D("-1.23E-7"), D("0.000001"), D("0.0000001"))
print(repr(D("3.14")), D("  42  "), D("1_000.5"), D("inf"), D("-Infinity"), D("nan"), D((0, (1, 4, 1), -2)))
print(D("1.2345").quantize(D("0.01")), D("1.235").quantize(D("0.01")), D("1.245").quantize(D("0.01")),
      D("1.245").quantize(D("0.01"), rounding=ROUND_HALF_UP), D("7").quantize(D("1.000")))
print(round(D("2.5")), round(D("3.5")), round(D("2.675"), 2), int(D("-3.9")), float(D("0.1")))
print(D("1.0") == D("1"), D("1.5") == 1.5, D(2) == 2, D("0.1") == 0.1, D(1) < D(2), D("1.5") > 1, max(D(1), D("1.5")))
print(hash(D(5)) == hash(5), hash(D("1.5")) == hash(1.5), hash(D("0.1")) == hash(D("0.10")))
print(D("1.2300").normalize(), D("100").normalize(), D("-0").normalize(), D("12.5").as_tuple(), D("123.45").adjusted())
print(D("-5").copy_abs(), D("5").copy_negate(), D("5").copy_sign(D(-1)), D("0").is_zero(), D("nan").is_nan(), D("-1").is_signed())
print(abs(D("-2.5")), -D("2.5"), +D("2.50"), D(3) + 2, 2 - D("0.5"), 3 * D("1.1"), 1 / D(8), D("5.5").to_integral_value())
print(sum([D("0.1")] * 10), sum([0.1] * 10))
print(format(D("1234.5678"), ".2f"), format(D("1234.5678"), ",.2f"), f"{D('2.675'):.2f}", f"{D('0.5'):.0f}",
      f"{D('1.5'):>10}|", f"{D('-1.5'):010.3f}", f"{D('0.125'):.1%}", f"{D('12345'):.2e}", f"{D('123.456'):.4g}")
print(getcontext().prec, getcontext().rounding)
getcontext().prec = 6
print(D(1) / D(7), D("123456789") + 0, D("1.23456789") * 1)
getcontext().prec = 28
with localcontext() as ctx:
    ctx.prec = 3
    ctx.rounding = ROUND_DOWN
    print(D(2) / D(3), D("9.999") + 0)
print(D(2) / D(3))
with localcontext(prec=4, rounding=ROUND_FLOOR):
    print(D(-1) / D(3))
print(decimal.Context(prec=5).divide(D(1), D(3)), decimal.Context(prec=2).add(D("1.55"), 0))
result = []


def worker():
    getcontext().prec = 3
    result.append(str(D(1) / D(3)))


t = threading.Thread(target=worker)
t.start()
t.join()
print(result, D(1) / D(3))
errors = [lambda: D(1) / D(0), lambda: D(0) / D(0), lambda: D("abc"), lambda: D("1.5") + 1.5,
          lambda: D(1) < D("nan"), lambda: D("12345.6").quantize(D("0.01"), context=decimal.Context(prec=4)),
          lambda: D([1, 2]), lambda: int(D("nan")), lambda: D(1) // D(0),
          lambda: setattr(getcontext(), "prec", 0), lambda: D(-4).sqrt()]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)
print(issubclass(decimal.DivisionByZero, ZeroDivisionError), issubclass(decimal.InvalidOperation, ArithmeticError))
ctx = decimal.Context(traps=[])
print(ctx.divide(D(1), D(0)), ctx.flags[decimal.DivisionByZero], ctx.divide(D(0), D(0)))
print(getcontext().flags[decimal.Inexact], getcontext().flags[decimal.Rounded])
print(sorted([D("1.5"), D("-2"), D("0.25"), D(1)]), D("1e-7") * 1, D("1E+5") + 0, D("5E+2").quantize(D(1)))
for f in (lambda: 1.5 * D(2), lambda: D(1) < "x", lambda: D(2) ** 0.5, lambda: D(1) == "1"):
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)
