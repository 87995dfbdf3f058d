# sqlite3: importable with CPython 3.11's module constants and exception hierarchy, so a
# program's imports and `except sqlite3.Error` clauses work; concsim has no SQL engine, so
# connect() raises NotImplementedError naming what is unsupported.
# Invariant: nothing here opens or creates a database file.
# Not supported: connect, Connection, Cursor, Row, adapters and converters.

__all__ = ["connect", "Error", "Warning", "InterfaceError", "DatabaseError", "DataError",
           "OperationalError", "IntegrityError", "InternalError", "ProgrammingError",
           "NotSupportedError", "PARSE_DECLTYPES", "PARSE_COLNAMES", "version",
           "sqlite_version", "version_info", "sqlite_version_info", "paramstyle",
           "threadsafety", "apilevel"]

version = "2.6.0"
version_info = (2, 6, 0)
sqlite_version = "3.40.1"
sqlite_version_info = (3, 40, 1)
paramstyle = "qmark"
threadsafety = 3
apilevel = "2.0"
PARSE_DECLTYPES = 1
PARSE_COLNAMES = 2


class Warning(Exception):
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class InternalError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class DataError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


for _c in (Warning, Error, InterfaceError, DatabaseError, InternalError, OperationalError,
           ProgrammingError, IntegrityError, DataError, NotSupportedError):
    _c.__module__ = "sqlite3"


def _unsupported(what):
    raise NotImplementedError("concsim does not support %s yet (it has no SQL engine)" % what)


def connect(database, timeout=5.0, detect_types=0, isolation_level="DEFERRED",
            check_same_thread=True, factory=None, cached_statements=128, uri=False):
    _unsupported("sqlite3.connect")


def complete_statement(statement):
    _unsupported("sqlite3.complete_statement")


def register_adapter(type, adapter):
    _unsupported("sqlite3.register_adapter")


def register_converter(name, converter):
    _unsupported("sqlite3.register_converter")


class Connection:
    def __init__(self, *args, **kwargs):
        _unsupported("sqlite3.Connection")


class Cursor:
    def __init__(self, *args, **kwargs):
        _unsupported("sqlite3.Cursor")


class Row:
    def __init__(self, *args, **kwargs):
        _unsupported("sqlite3.Row")
