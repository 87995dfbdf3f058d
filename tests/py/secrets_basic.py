# secrets: tokens of the asked sizes and alphabets, bounded draws, compare_digest, errors.
import secrets
import string

print(secrets.DEFAULT_ENTROPY, sorted(secrets.__all__))
b = secrets.token_bytes()
print(type(b).__name__, len(b), len(secrets.token_bytes(5)), secrets.token_bytes(0))
h = secrets.token_hex(16)
print(len(h), all(c in "0123456789abcdef" for c in h), len(secrets.token_hex()))
u = secrets.token_urlsafe(16)
alphabet = string.ascii_letters + string.digits + "-_"
print(len(u), all(c in alphabet for c in u), len(secrets.token_urlsafe()), len(secrets.token_urlsafe(1)))
print(all(0 <= secrets.randbelow(7) < 7 for _ in range(200)), secrets.randbelow(1))
print(sorted(set(secrets.randbelow(3) for _ in range(300))))
print(all(0 <= secrets.randbits(5) < 32 for _ in range(100)), secrets.randbits(0))
items = ["a", "b", "c"]
print(all(secrets.choice(items) in items for _ in range(50)), secrets.choice("x"))
print(secrets.compare_digest("abc", "abc"), secrets.compare_digest("abc", "abd"))
print(secrets.compare_digest(b"abc", b"abc"), secrets.compare_digest(b"a", b"ab"), secrets.compare_digest(b"", b""))
password = "".join(secrets.choice(alphabet) for i in range(10))
print(len(password))
r = secrets.SystemRandom()
print(0.0 <= r.random() < 1.0, 1 <= r.randint(1, 6) <= 6, r.randrange(10, 20, 5) in (10, 15))
x = list(range(10))
r.shuffle(x)
print(sorted(x) == list(range(10)), 2.0 <= r.uniform(2, 3) <= 3.0)
for f in (lambda: secrets.randbelow(0), lambda: secrets.randbelow(-3), lambda: secrets.choice([]),
          lambda: secrets.token_bytes(-1), lambda: secrets.token_hex(-2), lambda: secrets.randbits(-1),
          lambda: secrets.compare_digest("a", b"a"), lambda: secrets.compare_digest(b"a", "a"),
          lambda: secrets.compare_digest("\xe9", "\xe9"), lambda: secrets.compare_digest(1, 2),
          lambda: secrets.compare_digest(b"a", 2), lambda: r.randrange(0), lambda: r.randrange(5, 2),
          lambda: r.randint(3, 1), lambda: r.randrange(0, 10, -2)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
