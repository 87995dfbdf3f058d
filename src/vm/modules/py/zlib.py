# zlib: CPython 3.11's checksums crc32 and adler32 (exact, with a running value), the
# module's constants and its error class. Compression is not offered: CPython's compress()
# output is zlib's own deflate stream, which concsim cannot reproduce byte for byte, so
# compress/decompress and the (de)compressor objects raise NotImplementedError naming it.
# Invariant: checksums are unsigned 32-bit values, as CPython 3 returns them.
# Not supported: compress, decompress, compressobj, decompressobj.

import _concsim

__all__ = ["crc32", "adler32", "compress", "decompress", "compressobj", "decompressobj",
           "error"]

MAX_WBITS = 15
DEFLATED = 8
DEF_MEM_LEVEL = 8
DEF_BUF_SIZE = 16384
Z_NO_COMPRESSION = 0
Z_BEST_SPEED = 1
Z_BEST_COMPRESSION = 9
Z_DEFAULT_COMPRESSION = -1
Z_FILTERED = 1
Z_HUFFMAN_ONLY = 2
Z_RLE = 3
Z_FIXED = 4
Z_DEFAULT_STRATEGY = 0
Z_NO_FLUSH = 0
Z_PARTIAL_FLUSH = 1
Z_SYNC_FLUSH = 2
Z_FULL_FLUSH = 3
Z_FINISH = 4
Z_BLOCK = 5
Z_TREES = 6
ZLIB_VERSION = "1.2.13"
ZLIB_RUNTIME_VERSION = "1.2.13"


class error(Exception):
    __module__ = "zlib"


def _data(data):
    if isinstance(data, str) or not isinstance(data, bytes):
        raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
    return data


def crc32(data, value=0, /):
    return _concsim.crc32(_data(data), value & 0xFFFFFFFF)


def adler32(data, value=1, /):
    data = _data(data)
    a = value & 0xFFFF
    b = (value >> 16) & 0xFFFF
    i = 0
    n = len(data)
    while i < n:
        for byte in data[i:i + 5552]:
            a += byte
            b += a
        a %= 65521
        b %= 65521
        i += 5552
    return (b << 16) | a


def _unsupported(what):
    raise NotImplementedError("concsim does not support zlib.%s yet (it cannot reproduce "
                              "zlib's deflate stream)" % what)


def compress(data, /, level=-1, wbits=MAX_WBITS):
    _unsupported("compress")


def decompress(data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE):
    _unsupported("decompress")


def compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
                strategy=Z_DEFAULT_STRATEGY, zdict=None):
    _unsupported("compressobj")


def decompressobj(wbits=MAX_WBITS, zdict=b""):
    _unsupported("decompressobj")
