# integer arithmetic: //, %, ** with negatives, big ints
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(2 ** 10, 2 ** -1, (-2) ** 3, -2 ** 2, 2 ** 0, 0 ** 0)
print(10 / 4, 10 / 5, -9 / 2, type(10 / 5).__name__)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5))
big = 2 ** 64
print(big, big + 1, big * big, -big)
print(2 ** 100, 3 ** 50)
print(2 ** 100 // 3, 2 ** 100 % 1000007, (2 ** 100) // (2 ** 98))
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(12345678901234567890 * 98765432109876543210)
print(-(2 ** 70) // 7, -(2 ** 70) % 7)
print(abs(-2 ** 65), int('-123456789012345678901234567890'))
print(10 ** 20 == 100000000000000000000, 2 ** 63 - 1, -2 ** 63)
print(1 << 70, (1 << 70) >> 68, 0xff & 0x0f, 0xf0 | 0x0f, 6 ^ 3, ~5)
print(pow(2, 10), pow(2, 100, 1000), pow(3, 4, 5))
print(int(7.9), int(-7.9), int('0'), int('  42  '), int('ff', 16), int('101', 2))
print(max(2 ** 80, 3), min(-2 ** 80, 0), sum([2 ** 64] * 4))
print(5 == 5.0, 2 ** 53 + 1 == float(2 ** 53 + 1), hash(1) == hash(1.0))
print(True + True, True * 10, False - 1)
print(1_000_000, 0b1010, 0o17, 0x1F)
print(str(2 ** 64 - 1), len(str(2 ** 1000)))
print(round(1234, -2), round(1250, -2), round(-7))
