# urllib.error: URLError, HTTPError and ContentTooShortError in CPython 3.11's design.
# Invariant: an error's str() is CPython's ("<urlopen error REASON>", "HTTP Error CODE: MSG").
# Not supported: HTTPError as a readable response (it has no body: fp is None).

__all__ = ["URLError", "HTTPError", "ContentTooShortError"]


class URLError(OSError):
    def __init__(self, reason, filename=None):
        self.args = (reason,)
        self.reason = reason
        if filename is not None:
            self.filename = filename

    def __str__(self):
        return "<urlopen error %s>" % self.reason


class HTTPError(URLError):
    def __init__(self, url, code, msg, hdrs, fp):
        self.args = (url, code, msg, hdrs, fp)
        self.code = code
        self.msg = msg
        self.hdrs = hdrs
        self.fp = fp
        self.filename = url

    reason = property(lambda self: self.msg)
    headers = property(lambda self: self.hdrs)

    def getcode(self):
        return self.code

    def geturl(self):
        return self.filename

    def __str__(self):
        return "HTTP Error %s: %s" % (self.code, self.msg)

    def __repr__(self):
        return "<HTTPError %s: %r>" % (self.code, self.msg)


class ContentTooShortError(URLError):
    def __init__(self, message, content):
        URLError.__init__(self, message)
        self.content = content
