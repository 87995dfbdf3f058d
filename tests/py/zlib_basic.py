import zlib

for data in (b"", b"a", b"hello world", bytes(range(256)) * 50):
    print(zlib.crc32(data), zlib.adler32(data))
print(zlib.crc32(b"world", zlib.crc32(b"hello ")), zlib.crc32(b"hello world"))
print(zlib.adler32(b"world", zlib.adler32(b"hello ")), zlib.adler32(b"x", 0))
print(zlib.MAX_WBITS, zlib.Z_BEST_COMPRESSION, zlib.DEFLATED, issubclass(zlib.error, Exception))
for bad in ("text", 5):
    try:
        zlib.crc32(bad)
    except TypeError as e:
        print("TypeError", e)
