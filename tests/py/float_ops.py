# floats: repr, rounding, divmod, conversions
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 1 / 3, 2 / 3)
print(1.0, 2.5, -0.0, 100.0, 1e16, 1e-5, 1.5e300 * 10, 123456789.123)
print(1e22, 1e15, 12345678901234567.0, 0.0001, 0.00001)
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(3.14159, 2), round(2.675, 2), round(1.005, 2), round(-1.25, 1))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__)
print(divmod(7.5, 2), divmod(-7.5, 2), 7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(float('1.5'), float('-2'), float(' 3.25 '), float(7), float('inf'), float('-inf'))
print(int(3.999), int(-3.999), int(1e10))
print(3 * 1.1, 1.1 * 1.1, 10 / 3, 2 ** 0.5, 4 ** 0.5, 10 ** -2)
print(abs(-2.5), max(1.5, 2), min(1, 1.0), sum([0.1] * 10))
print(1.0 == 1, 0.5 < 1, 3.0 / 2, 3 // 2.0)
print(float('nan') == float('nan'), float('inf') > 10 ** 300)
print(str(1.0), repr(1.10), str(3e-10), 5e-324, 1.7976931348623157e308)
print(2.0 ** 10, 2.0 ** -2, (-8.0) ** 2)
print(1.5.is_integer(), 2.0.is_integer())
try:
    1.0 / 0
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    1.0 // 0.0
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    float('abc')
except ValueError as e:
    print('ValueError:', e)
