# concsim's base64: b64encode/b64decode (altchars, validate), standard_* and urlsafe_*,
# encodebytes/decodebytes, b16encode/b16decode, b32encode/b32decode (casefold, map01),
# b32hexencode/b32hexdecode, over binascii.
# Invariant: output and errors are CPython 3.11's (binascii.Error for bad data).
# Not supported: b85*, a85*, z85 and the file functions encode/decode (NotImplementedError).

import binascii

__all__ = ["encode", "decode", "encodebytes", "decodebytes", "b64encode", "b64decode",
           "b32encode", "b32decode", "b32hexencode", "b32hexdecode", "b16encode", "b16decode",
           "standard_b64encode", "standard_b64decode", "urlsafe_b64encode", "urlsafe_b64decode"]


def _decode_arg(s):
    if isinstance(s, str):
        if not s.isascii():
            raise ValueError("string argument should contain only ASCII characters")
        return s.encode("ascii")
    if not isinstance(s, bytes):
        raise TypeError("argument should be a bytes-like object or ASCII string, not '%s'"
                        % s.__class__.__name__)
    return s


def _swap(s, src, dst):
    m = {src[0]: dst[0], src[1]: dst[1]}
    return bytes([m.get(c, c) for c in s])


def b64encode(s, altchars=None):
    encoded = binascii.b2a_base64(s, newline=False)
    if altchars is not None:
        assert len(altchars) == 2, repr(altchars)
        encoded = _swap(encoded, b"+/", altchars)
    return encoded


def b64decode(s, altchars=None, validate=False):
    s = _decode_arg(s)
    if altchars is not None:
        altchars = _decode_arg(altchars)
        assert len(altchars) == 2, repr(altchars)
        s = _swap(s, altchars, b"+/")
    return binascii.a2b_base64(s, strict_mode=validate)


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    return b64encode(s, b"-_")


def urlsafe_b64decode(s):
    return b64decode(s, b"-_")


def encodebytes(s):
    binascii._need_bytes(s)
    return b"".join([binascii.b2a_base64(s[i:i + 57]) for i in range(0, len(s), 57)])


def decodebytes(s):
    binascii._need_bytes(s)
    return binascii.a2b_base64(s)


def b16encode(s):
    return binascii.hexlify(s).upper()


def b16decode(s, casefold=False):
    s = _decode_arg(s)
    if casefold:
        s = s.upper()
    for c in s:
        if c not in b"0123456789ABCDEF":
            raise binascii.Error("Non-base16 digit found")
    return binascii.unhexlify(s)


_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_B32HEX = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"
_PADS = {0: 0, 1: 6, 2: 4, 3: 3, 4: 1}
_KEEP = {0: 0, 1: 4, 3: 3, 4: 2, 6: 1}


def _b32encode(alphabet, s):
    binascii._need_bytes(s)
    rest = len(s) % 5
    if rest:
        s = s + bytes(5 - rest)
    out = []
    for i in range(0, len(s), 5):
        v = int.from_bytes(s[i:i + 5], "big")
        for shift in range(35, -1, -5):
            out.append(alphabet[(v >> shift) & 31])
    pad = _PADS[rest]
    if pad:
        out[-pad:] = [61] * pad
    return bytes(out)


def _b32decode(alphabet, s, casefold, map01):
    s = _decode_arg(s)
    if len(s) % 8:
        raise binascii.Error("Incorrect padding")
    if map01 is not None:
        map01 = _decode_arg(map01)
        assert len(map01) == 1, repr(map01)
        s = _swap(s, b"01", b"O" + map01)
    if casefold:
        s = s.upper()
    n = len(s)
    s = s.rstrip(b"=")
    pads = n - len(s)
    rev = {c: i for i, c in enumerate(alphabet)}
    out = []
    acc = 0
    for i in range(0, len(s), 8):
        acc = 0
        for c in s[i:i + 8]:
            v = rev.get(c)
            if v is None:
                raise binascii.Error("Non-base32 digit found")
            acc = (acc << 5) | v
        out.append(acc)
    if pads not in _KEEP:
        raise binascii.Error("Incorrect padding")
    data = b"".join([(v << (5 * pads) if k == len(out) - 1 else v).to_bytes(5, "big")
                     for k, v in enumerate(out)])
    if pads and data:
        data = data[:len(data) - 5 + _KEEP[pads]]
    return data


def b32encode(s):
    return _b32encode(_B32, s)


def b32decode(s, casefold=False, map01=None):
    return _b32decode(_B32, s, casefold, map01)


def b32hexencode(s):
    return _b32encode(_B32HEX, s)


def b32hexdecode(s, casefold=False):
    return _b32decode(_B32HEX, s, casefold, None)


def __getattr__(name):
    if name in ("b85encode", "b85decode", "a85encode", "a85decode", "encode", "decode"):
        raise NotImplementedError("concsim does not support base64.%s yet" % name)
    raise AttributeError("module 'base64' has no attribute '%s'" % name)
