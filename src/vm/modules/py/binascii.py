# concsim's binascii: hexlify/b2a_hex, unhexlify/a2b_hex, b2a_base64/a2b_base64 (with
# strict_mode), crc32, and the Error and Incomplete exceptions.
# Invariant: results and error messages are CPython 3.11's; crc32 is the native
# _concsim.crc32 (zlib's polynomial). Inputs are bytes (or ASCII str where CPython accepts
# one); concsim has no bytearray or memoryview. Not supported: uu, qp, hqx, crc_hqx.

import _concsim


class Error(ValueError):
    __module__ = "binascii"


class Incomplete(Exception):
    __module__ = "binascii"


_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64REV = {c: i for i, c in enumerate(_B64)}


def _need_bytes(data):
    if not isinstance(data, bytes):
        raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
    return data


def _ascii_arg(data):
    if isinstance(data, str):
        if not data.isascii():
            raise ValueError("string argument should contain only ASCII characters")
        return data.encode("ascii")
    if not isinstance(data, bytes):
        raise TypeError("argument should be bytes, buffer or ASCII string, not '%s'"
                        % type(data).__name__)
    return data


def hexlify(data, sep=None, bytes_per_sep=1):
    _need_bytes(data)
    if sep is None:
        return data.hex().encode("ascii")
    if isinstance(sep, str):
        sep = sep.encode("ascii")
    h = data.hex().encode("ascii")
    k = 2 * abs(bytes_per_sep)
    if not k or len(h) <= k:
        return h
    s0 = len(h) % k if bytes_per_sep > 0 else 0
    pieces = [h[:s0]] if s0 else []
    if bytes_per_sep < 0:
        pieces = [h[i:i + k] for i in range(0, len(h), k)]
    else:
        pieces += [h[i:i + k] for i in range(s0, len(h), k)]
    return sep.join(pieces)


b2a_hex = hexlify


def unhexlify(hexstr):
    hexstr = _ascii_arg(hexstr)
    if len(hexstr) % 2:
        raise Error("Odd-length string")
    text = hexstr.decode("ascii")
    for c in text:
        if c not in "0123456789abcdefABCDEF":
            raise Error("Non-hexadecimal digit found")
    return bytes.fromhex(text)


a2b_hex = unhexlify


def crc32(data, crc=0):
    return _concsim.crc32(_need_bytes(data), crc & 0xFFFFFFFF)


def b2a_base64(data, *, newline=True):
    _need_bytes(data)
    table = _B64
    out = []
    n = len(data)
    full = n - n % 3
    for i in range(0, full, 3):
        v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
        out.append(table[v >> 18])
        out.append(table[(v >> 12) & 63])
        out.append(table[(v >> 6) & 63])
        out.append(table[v & 63])
    rest = n - full
    if rest:
        v = data[full] << 16
        if rest == 2:
            v |= data[full + 1] << 8
        out.append(table[v >> 18])
        out.append(table[(v >> 12) & 63])
        out.append(table[(v >> 6) & 63] if rest == 2 else 61)
        out.append(61)
    if newline:
        out.append(10)
    return bytes(out)


def a2b_base64(data, *, strict_mode=False):
    data = _ascii_arg(data)
    rev = _B64REV
    out = []
    acc = 0
    quad = 0
    pads = 0
    padding = False
    n = len(data)
    for i in range(n):
        c = data[i]
        if c == 61:
            padding = True
            if strict_mode and i == 0:
                raise Error("Leading padding not allowed")
            if quad >= 2:
                pads += 1
                if quad + pads >= 4:
                    if strict_mode and i + 1 < n:
                        raise Error("Excess data after padding")
                    if quad == 2:
                        out.append((acc >> 4) & 255)
                    else:
                        out.append((acc >> 10) & 255)
                        out.append((acc >> 2) & 255)
                    return bytes(out)
            continue
        v = rev.get(c)
        if v is None:
            if strict_mode:
                raise Error("Only base64 data is allowed")
            continue
        if strict_mode and padding:
            raise Error("Discontinuous padding not allowed")
        pads = 0
        acc = (acc << 6) | v
        quad += 1
        if quad == 4:
            out.append(acc >> 16)
            out.append((acc >> 8) & 255)
            out.append(acc & 255)
            acc = 0
            quad = 0
    if quad == 1:
        raise Error("Invalid base64-encoded string: number of data characters (%d) cannot be "
                    "1 more than a multiple of 4" % (len(out) // 3 * 4 + 1))
    if quad:
        raise Error("Incorrect padding")
    return bytes(out)
