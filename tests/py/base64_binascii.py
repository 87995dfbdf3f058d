import base64
import binascii

samples = [b"", b"a", b"ab", b"abc", b"abcd", b"hello world", bytes(range(256)), b"\xff\xfe\xfb\xef"]
for s in samples[:6] + samples[7:]:
    e = base64.b64encode(s)
    print(e, base64.b64decode(e) == s, base64.urlsafe_b64encode(s), base64.b32encode(s),
          base64.b16encode(s), base64.b32hexencode(s))
    assert base64.b32decode(base64.b32encode(s)) == s and base64.b16decode(base64.b16encode(s)) == s
    assert base64.urlsafe_b64decode(base64.urlsafe_b64encode(s)) == s
    assert base64.b32hexdecode(base64.b32hexencode(s)) == s
big = base64.b64encode(samples[6])
print(big[:40], len(big), base64.b64decode(big) == samples[6])
print(base64.encodebytes(samples[6])[:100], base64.decodebytes(base64.encodebytes(samples[6])) == samples[6])
print(base64.standard_b64encode(b"x?>"), base64.standard_b64decode("eD8+"), base64.b64encode(b"x?>", b"*@"))
print(base64.b64decode(b"eD8*", altchars=b"*@"), base64.b64decode("YQ==YWJj"), base64.b64decode("Y!WJj"))
print(base64.b64decode("YWJj====="), base64.b64decode("YW=Jj"), base64.b64decode("YWJj==", validate=True))
print(base64.b32decode("mfrgg===", casefold=True), base64.b32decode("0FRGG===", map01=b"L"))
print(base64.b16decode("0aff", casefold=True), base64.b64encode(b"token").decode())
print(binascii.hexlify(b"\x01\xab"), binascii.b2a_hex(b"\x01\xab\xcd", b":"), binascii.hexlify(b"abcd", "-", 2))
print(binascii.unhexlify("01AB"), binascii.a2b_hex(b"ff00"), binascii.crc32(b"hello world"),
      binascii.crc32(b"world", binascii.crc32(b"hello ")), binascii.crc32(b""))
print(binascii.b2a_base64(b"abc"), binascii.b2a_base64(b"ab", newline=False), binascii.a2b_base64("YWI="))
print(issubclass(binascii.Error, ValueError), binascii.Error.__module__)
tests = [lambda: base64.b64decode("YWJ"), lambda: base64.b64decode("YWJjZ"),
         lambda: base64.b64decode("Y!WJj", validate=True), lambda: base64.b64decode("YQ=", validate=True),
         lambda: base64.b64decode("=YWJj", validate=True), lambda: base64.b64decode("YQ=a", validate=True),
         lambda: base64.b64decode("YQ==a", validate=True), lambda: base64.b64decode(5),
         lambda: base64.b64decode("é"), lambda: base64.b64encode("x"), lambda: base64.b16decode("0g"),
         lambda: base64.b16decode("abc"), lambda: base64.b16decode("ab"), lambda: base64.b32decode("MFRGG"),
         lambda: base64.b32decode("MFRGG1=="), lambda: base64.b32decode("MFRGGZ=="),
         lambda: binascii.unhexlify("abc"), lambda: binascii.unhexlify("zz"), lambda: binascii.unhexlify(5),
         lambda: binascii.hexlify("ab"), lambda: binascii.crc32("a")]
for t in tests:
    try:
        print(t())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
base64.b64decode("abcde")
