# complex numbers: literals, complex(), arithmetic, abs, repr, hash (issue 16).
z = 1j
print(z, type(z), type(z).__name__, 2j, -1j, 3 + 4j, 1.5 - 2.5j, 0j, -0j, 1e20j, 2.5e-3j)
print(repr(complex(1, 2)), complex(), complex(3), complex(2.5), complex('1+2j'), complex(' (3-4j) '),
      complex('-j'), complex('5'), complex('1e3+1e-3j'), complex(1j, 1j), complex(1, -0.0))
a, b = 3 + 4j, 1 - 2j
print(a + b, a - b, a * b, a / b, a ** 2, a ** -1, a ** 0.5, b ** b, 2 ** a, abs(a), -a, +a, a.conjugate())
print(a + 1, 1 + a, a * 2.5, 2 * a, a - 1, 1 - a, a / 2, 10 / a, a.real, a.imag, (2j).real)
print(a == 3 + 4j, a != b, complex(5) == 5, 5 == complex(5), 5.0 == complex(5, 0), a == 3, 1j * 1j == -1)
print(hash(complex(5)) == hash(5), hash(1.5 + 0j) == hash(1.5))
print(bool(0j), bool(1j), isinstance(1j, complex), sum([1j, 2, 3.5j]), [x * 1j for x in range(3)])
print(f"{a}", str(b), "%s" % (1 + 1j,), format(a, '.2f'), f"{b:.3e}", {a: 'x'}[3 + 4j])
print((1 + 2j) ** 3, (0.5 + 0.5j) ** 10, 1j ** 2, (1 + 1j) / (1 - 1j), complex(float('inf'), float('nan')))
for bad in (lambda: a / 0, lambda: a < b, lambda: complex('abc'), lambda: complex('1', 2),
            lambda: complex(None), lambda: 0j ** -1, lambda: a // 2, lambda: pow(a, 2, 3),
            lambda: int(a), lambda: a % 2, lambda: complex(1, 'x')):
    try:
        print(bad())
    except (ZeroDivisionError, TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
