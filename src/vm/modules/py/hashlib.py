# concsim's hashlib: md5, sha1, sha224, sha256, sha384, sha512 (constructors and new(name)),
# HASH objects with update/digest/hexdigest/copy/name/digest_size/block_size, file_digest.
# Invariant: digests are CPython's (computed by the native _concsim.hash_digest over all the
# data given so far), and the errors are its messages. A HASH keeps its data and hashes it
# whole at each digest(). Not supported: blake2*, sha3_*, shake_* (NotImplementedError),
# pbkdf2_hmac, scrypt.

import _concsim

_SIZES = {"md5": (16, 64), "sha1": (20, 64), "sha224": (28, 64), "sha256": (32, 64),
          "sha384": (48, 128), "sha512": (64, 128)}
_MISSING = ("blake2b", "blake2s", "sha3_224", "sha3_256", "sha3_384", "sha3_512",
            "shake_128", "shake_256")
algorithms_guaranteed = frozenset(_SIZES)
algorithms_available = frozenset(_SIZES)
__all__ = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "new",
           "algorithms_guaranteed", "algorithms_available", "file_digest")


def _check(data):
    if isinstance(data, str):
        raise TypeError("Strings must be encoded before hashing")
    if not isinstance(data, bytes):
        raise TypeError("object supporting the buffer API required")
    return data


class HASH:
    __module__ = "_hashlib"

    def __init__(self, name, data):
        self.name = name
        self.digest_size, self.block_size = _SIZES[name]
        self._parts = [_check(data)] if data else []

    def update(self, data):
        self._parts.append(_check(data))

    def digest(self):
        if len(self._parts) > 1:
            self._parts = [b"".join(self._parts)]
        return _concsim.hash_digest(self.name, self._parts[0] if self._parts else b"")

    def hexdigest(self):
        return self.digest().hex()

    def copy(self):
        h = HASH(self.name, b"")
        h._parts = list(self._parts)
        return h

    def __repr__(self):
        return "<%s _hashlib.HASH object @ %s>" % (self.name, hex(id(self)))


def new(name, data=b"", **kwargs):
    if not isinstance(name, str):
        raise TypeError("name must be a string")
    key = name.lower()
    if key in _MISSING:
        raise NotImplementedError("concsim does not support hashlib %s yet" % name)
    if key not in _SIZES:
        raise ValueError("unsupported hash type " + name)
    return HASH(key, data)


def md5(string=b"", *, usedforsecurity=True):
    return HASH("md5", string)


def sha1(string=b"", *, usedforsecurity=True):
    return HASH("sha1", string)


def sha224(string=b"", *, usedforsecurity=True):
    return HASH("sha224", string)


def sha256(string=b"", *, usedforsecurity=True):
    return HASH("sha256", string)


def sha384(string=b"", *, usedforsecurity=True):
    return HASH("sha384", string)


def sha512(string=b"", *, usedforsecurity=True):
    return HASH("sha512", string)


def file_digest(fileobj, digest, /):
    h = new(digest) if isinstance(digest, str) else digest()
    while True:
        chunk = fileobj.read(65536)
        if not chunk:
            return h
        h.update(chunk)


def __getattr__(name):
    if name in _MISSING:
        raise NotImplementedError("concsim does not support hashlib.%s yet" % name)
    raise AttributeError("module 'hashlib' has no attribute '%s'" % name)
