# gzip: importable with CPython 3.11's names and BadGzipFile; compressing and decompressing
# need zlib's deflate, which concsim does not reproduce, so open, compress, decompress and
# GzipFile raise NotImplementedError naming what is unsupported.
# Invariant: nothing here reads or writes a file.
# Not supported: open, compress, decompress, GzipFile.

__all__ = ["BadGzipFile", "GzipFile", "open", "compress", "decompress"]

READ, WRITE = 1, 2


class BadGzipFile(OSError):
    __module__ = "gzip"


def _unsupported(what):
    raise NotImplementedError("concsim does not support %s yet (it cannot reproduce zlib's "
                              "deflate stream)" % what)


def open(filename, mode="rb", compresslevel=9, encoding=None, errors=None, newline=None):
    _unsupported("gzip.open")


def compress(data, compresslevel=9, *, mtime=None):
    _unsupported("gzip.compress")


def decompress(data):
    _unsupported("gzip.decompress")


class GzipFile:
    def __init__(self, *args, **kwargs):
        _unsupported("gzip.GzipFile")
