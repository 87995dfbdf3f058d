# zipfile: importable with CPython 3.11's constants and exceptions; reading and writing ZIP
# archives needs zlib's deflate, which concsim does not reproduce, so ZipFile, is_zipfile and
# the other entry points raise NotImplementedError naming what is unsupported.
# Invariant: nothing here reads or writes a file.
# Not supported: ZipFile, ZipInfo, PyZipFile, Path, is_zipfile.

__all__ = ["BadZipFile", "BadZipfile", "error", "ZIP_STORED", "ZIP_DEFLATED", "ZIP_BZIP2",
           "ZIP_LZMA", "is_zipfile", "ZipInfo", "ZipFile", "PyZipFile", "LargeZipFile", "Path"]

ZIP_STORED = 0
ZIP_DEFLATED = 8
ZIP_BZIP2 = 12
ZIP_LZMA = 14


class BadZipFile(Exception):
    __module__ = "zipfile"


class LargeZipFile(Exception):
    __module__ = "zipfile"


error = BadZipfile = BadZipFile


def _unsupported(what):
    raise NotImplementedError("concsim does not support %s yet" % what)


def is_zipfile(filename):
    _unsupported("zipfile.is_zipfile")


class ZipInfo:
    def __init__(self, *args, **kwargs):
        _unsupported("zipfile.ZipInfo")


class ZipFile:
    def __init__(self, *args, **kwargs):
        _unsupported("zipfile.ZipFile")


class PyZipFile(ZipFile):
    pass


class Path:
    def __init__(self, *args, **kwargs):
        _unsupported("zipfile.Path")
