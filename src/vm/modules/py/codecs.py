# codecs: CPython 3.11's codec registry for the codecs concsim's str/bytes know (utf-8,
# latin-1, ascii) plus the rot13 (str to str) and hex (bytes to bytes) transforms: lookup and
# CodecInfo, encode/decode, getencoder/getdecoder, the incremental utf-8/latin-1/ascii
# decoders and encoders (for text arriving in pieces over a pipe or socket), register,
# codecs.open, and the BOM constants.
# Invariant: the text codecs go through str.encode/bytes.decode, so their results and error
# messages are the builtins' own; a name is normalised as CPython's search function does
# (case, '-' and ' ' as '_') before its alias is looked up.
# Not supported: utf-16/utf-32 and the other charsets (LookupError "unknown encoding"),
# StreamReader/StreamWriter classes, and custom error handlers (register_error).

import binascii as _binascii

__all__ = ["lookup", "encode", "decode", "getencoder", "getdecoder", "getincrementalencoder",
           "getincrementaldecoder", "register", "open", "CodecInfo", "IncrementalEncoder",
           "IncrementalDecoder", "BOM_UTF8", "BOM_UTF16_LE", "BOM_UTF16_BE", "BOM_UTF32_LE",
           "BOM_UTF32_BE", "BOM_LE", "BOM_BE", "BOM", "BOM_UTF16", "BOM_UTF32"]

BOM_UTF8 = b"\xef\xbb\xbf"
BOM_LE = BOM_UTF16_LE = b"\xff\xfe"
BOM_BE = BOM_UTF16_BE = b"\xfe\xff"
BOM_UTF32_LE = b"\xff\xfe\x00\x00"
BOM_UTF32_BE = b"\x00\x00\xfe\xff"
BOM = BOM_UTF16 = BOM_UTF16_LE
BOM_UTF32 = BOM_UTF32_LE


class CodecInfo:
    def __init__(self, encode, decode, streamreader=None, streamwriter=None,
                 incrementalencoder=None, incrementaldecoder=None, name=None, *,
                 _is_text_encoding=None):
        self.name = name
        self.encode = encode
        self.decode = decode
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder
        self.streamreader = streamreader
        self.streamwriter = streamwriter
        self._is_text_encoding = True if _is_text_encoding is None else _is_text_encoding

    def __iter__(self):
        return iter((self.encode, self.decode, self.streamreader, self.streamwriter))

    def __getitem__(self, i):
        return tuple(self)[i]

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % (
            self.__class__.__module__, self.__class__.__qualname__, self.name, id(self))


class IncrementalEncoder:
    def __init__(self, errors="strict"):
        self.errors = errors

    def encode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return 0

    def setstate(self, state):
        pass


class IncrementalDecoder:
    def __init__(self, errors="strict"):
        self.errors = errors

    def decode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return (b"", 0)

    def setstate(self, state):
        pass


class BufferedIncrementalDecoder(IncrementalDecoder):
    def __init__(self, errors="strict"):
        IncrementalDecoder.__init__(self, errors)
        self.buffer = b""

    def decode(self, input, final=False):
        data = self.buffer + input
        keep = 0 if final else self._incomplete(data)
        self.buffer = data[len(data) - keep:] if keep else b""
        return self._decode(data[:len(data) - keep] if keep else data, self.errors)

    def _incomplete(self, data):
        return 0

    def reset(self):
        self.buffer = b""

    def getstate(self):
        return (self.buffer, 0)

    def setstate(self, state):
        self.buffer = state[0]


def _utf8_tail(data):
    # How many bytes at the end begin a UTF-8 sequence that more input may complete.
    n = len(data)
    for back in range(1, min(3, n) + 1):
        b = data[n - back]
        if b & 0xC0 == 0x80:
            continue
        need = 2 if b & 0xE0 == 0xC0 else 3 if b & 0xF0 == 0xE0 else 4 if b & 0xF8 == 0xF0 else 1
        return back if need > back else 0
    return 0


def _text_codec(name):
    def enc(input, errors="strict"):
        if not isinstance(input, str):
            raise TypeError("%s_encode() argument 1 must be str, not %s"
                            % (name.replace("-", "_").replace("iso8859_1", "latin_1"),
                               type(input).__name__))
        return input.encode(name, errors), len(input)

    def dec(input, errors="strict"):
        if not isinstance(input, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(input).__name__)
        return input.decode(name, errors), len(input)

    class Encoder(IncrementalEncoder):
        def encode(self, input, final=False):
            return enc(input, self.errors)[0]

    class Decoder(BufferedIncrementalDecoder):
        def _decode(self, data, errors):
            return dec(data, errors)[0]

        if name == "utf-8":
            def _incomplete(self, data):
                return _utf8_tail(data)

    return CodecInfo(enc, dec, incrementalencoder=Encoder, incrementaldecoder=Decoder, name=name)


def _rot13(input, errors="strict"):
    if not isinstance(input, str):
        raise TypeError("expected str instance, %s found" % type(input).__name__)
    out = []
    for c in input:
        o = ord(c)
        if 65 <= o <= 90:
            c = chr((o - 65 + 13) % 26 + 65)
        elif 97 <= o <= 122:
            c = chr((o - 97 + 13) % 26 + 97)
        out.append(c)
    return "".join(out), len(input)


def _hex_enc(input, errors="strict"):
    return _binascii.b2a_hex(input), len(input)


def _hex_dec(input, errors="strict"):
    return _binascii.a2b_hex(input), len(input)


_ALIASES = {
    "utf_8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "utf": "utf-8", "cp65001": "utf-8",
    "latin_1": "iso8859-1", "latin1": "iso8859-1", "iso8859_1": "iso8859-1", "l1": "iso8859-1",
    "iso_8859_1": "iso8859-1", "8859": "iso8859-1", "cp819": "iso8859-1", "latin": "iso8859-1",
    "ascii": "ascii", "us_ascii": "ascii", "646": "ascii", "us": "ascii",
    "rot13": "rot-13", "rot_13": "rot-13", "hex": "hex", "hex_codec": "hex",
}
_cache = {}
_search = []


def _make(name):
    if name == "rot-13":
        return CodecInfo(_rot13, _rot13, name="rot-13", _is_text_encoding=False)
    if name == "hex":
        return CodecInfo(_hex_enc, _hex_dec, name="hex", _is_text_encoding=False)
    return _text_codec(name)


def register(search_function):
    if not callable(search_function):
        raise TypeError("argument must be callable")
    _search.append(search_function)


def unregister(search_function):
    if search_function in _search:
        _search.remove(search_function)
    _cache.clear()


def lookup(encoding):
    if not isinstance(encoding, str):
        raise TypeError("lookup() argument must be str, not %s" % type(encoding).__name__)
    key = encoding.lower().replace("-", "_").replace(" ", "_")
    if key in _cache:
        return _cache[key]
    for f in _search:
        info = f(key)
        if info is not None:
            _cache[key] = info
            return info
    name = _ALIASES.get(key)
    if name is None:
        raise LookupError("unknown encoding: %s" % encoding)
    info = _cache[key] = _make(name)
    return info


def _call(what, info, f, obj, errors):
    try:
        return f(obj, errors)[0]
    except TypeError as e:
        raise TypeError("%s with %r codec failed (TypeError: %s)" % (what, info.name, e)) from e


def encode(obj, encoding="utf-8", errors="strict"):
    info = lookup(encoding)
    return _call("encoding", info, info.encode, obj, errors)


def decode(obj, encoding="utf-8", errors="strict"):
    info = lookup(encoding)
    return _call("decoding", info, info.decode, obj, errors)


def getencoder(encoding):
    return lookup(encoding).encode


def getdecoder(encoding):
    return lookup(encoding).decode


def getincrementalencoder(encoding):
    enc = lookup(encoding).incrementalencoder
    if enc is None:
        raise LookupError(encoding)
    return enc


def getincrementaldecoder(encoding):
    dec = lookup(encoding).incrementaldecoder
    if dec is None:
        raise LookupError(encoding)
    return dec


def iterdecode(iterator, encoding, errors="strict", **kwargs):
    decoder = getincrementaldecoder(encoding)(errors, **kwargs)
    for input in iterator:
        output = decoder.decode(input)
        if output:
            yield output
    output = decoder.decode(b"", True)
    if output:
        yield output


def iterencode(iterator, encoding, errors="strict", **kwargs):
    encoder = getincrementalencoder(encoding)(errors, **kwargs)
    for input in iterator:
        output = encoder.encode(input)
        if output:
            yield output
    output = encoder.encode("", True)
    if output:
        yield output


_open = open


def open(filename, mode="r", encoding=None, errors="strict", buffering=-1):
    if encoding is not None and "b" not in mode:
        return _open(filename, mode, encoding=encoding, errors=errors)
    return _open(filename, mode)
