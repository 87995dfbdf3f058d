# tarfile: importable with CPython 3.11's constants and exception hierarchy; reading and
# writing archives is not offered yet, so open, is_tarfile, TarFile and TarInfo raise
# NotImplementedError naming what is unsupported.
# Invariant: nothing here reads or writes a file.
# Not supported: open, is_tarfile, TarFile, TarInfo, the extraction filters.

__all__ = ["TarFile", "TarInfo", "is_tarfile", "TarError", "ReadError", "CompressionError",
           "StreamError", "ExtractError", "HeaderError", "ENCODING", "USTAR_FORMAT",
           "GNU_FORMAT", "PAX_FORMAT", "DEFAULT_FORMAT", "open"]

USTAR_FORMAT = 0
GNU_FORMAT = 1
PAX_FORMAT = 2
DEFAULT_FORMAT = PAX_FORMAT
ENCODING = "utf-8"
BLOCKSIZE = 512
RECORDSIZE = BLOCKSIZE * 20


class TarError(Exception):
    pass


class ExtractError(TarError):
    pass


class ReadError(TarError):
    pass


class CompressionError(TarError):
    pass


class StreamError(TarError):
    pass


class HeaderError(TarError):
    pass


for _c in (TarError, ExtractError, ReadError, CompressionError, StreamError, HeaderError):
    _c.__module__ = "tarfile"


def _unsupported(what):
    raise NotImplementedError("concsim does not support %s yet" % what)


def open(name=None, mode="r", fileobj=None, bufsize=RECORDSIZE, **kwargs):
    _unsupported("tarfile.open")


def is_tarfile(name):
    _unsupported("tarfile.is_tarfile")


class TarInfo:
    def __init__(self, name=""):
        _unsupported("tarfile.TarInfo")


class TarFile:
    def __init__(self, *args, **kwargs):
        _unsupported("tarfile.TarFile")

    @classmethod
    def open(cls, *args, **kwargs):
        _unsupported("tarfile.TarFile.open")
