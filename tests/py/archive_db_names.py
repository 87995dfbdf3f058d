import gzip
import sqlite3
import tarfile
import zipfile

print(sqlite3.paramstyle, sqlite3.apilevel, sqlite3.threadsafety, sqlite3.PARSE_DECLTYPES)
print([c.__name__ for c in sqlite3.IntegrityError.__mro__])
print(issubclass(sqlite3.OperationalError, sqlite3.Error), issubclass(sqlite3.Warning, sqlite3.Error))
print(zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.BadZipfile is zipfile.BadZipFile,
      zipfile.BadZipFile.__mro__[1].__name__)
print([c.__name__ for c in tarfile.ReadError.__mro__], tarfile.PAX_FORMAT, tarfile.DEFAULT_FORMAT)
print([c.__name__ for c in gzip.BadGzipFile.__mro__])
try:
    raise sqlite3.IntegrityError("UNIQUE constraint failed: users.id")
except sqlite3.DatabaseError as e:
    print(type(e).__module__, type(e).__name__, e)
