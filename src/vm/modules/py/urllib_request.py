# urllib.request: Request (url, method, data, headers) in CPython 3.11's design; urlopen and
# the openers need the network, which the simulated machine does not have.
# Invariant: no call here reaches the host's network: urlopen raises NotImplementedError
# naming what is unsupported.
# Not supported: urlopen, build_opener, the handlers, urlretrieve (NotImplementedError).

from urllib.error import URLError, HTTPError
from urllib.parse import urlsplit, quote, unquote

__all__ = ["Request", "urlopen", "build_opener", "install_opener", "urlretrieve",
           "pathname2url", "url2pathname", "URLError", "HTTPError"]


class Request:
    def __init__(self, url, data=None, headers={}, origin_req_host=None, unverifiable=False,
                 method=None):
        self.full_url = url
        self.data = data
        self.headers = {}
        for k, v in headers.items():
            self.add_header(k, v)
        self.unredirected_hdrs = {}
        self.origin_req_host = origin_req_host or urlsplit(url).hostname
        self.unverifiable = unverifiable
        if method:
            self.method = method

    @property
    def full_url(self):
        return self._full_url + ("#" + self.fragment if self.fragment else "")

    @full_url.setter
    def full_url(self, url):
        url, _, frag = url.partition("#")
        self._full_url = url
        self.fragment = frag or None
        parts = urlsplit(url)
        if not parts.scheme:
            raise ValueError("unknown url type: %r" % self._full_url)
        self.type = parts.scheme
        self.host = parts.netloc
        self.selector = (parts.path or "") + ("?" + parts.query if parts.query else "")

    def get_method(self):
        default = "POST" if self.data is not None else "GET"
        return getattr(self, "method", default)

    def get_full_url(self):
        return self.full_url

    def add_header(self, key, val):
        self.headers[key.capitalize()] = val

    def add_unredirected_header(self, key, val):
        self.unredirected_hdrs[key.capitalize()] = val

    def has_header(self, header_name):
        return header_name in self.headers or header_name in self.unredirected_hdrs

    def get_header(self, header_name, default=None):
        return self.headers.get(header_name, self.unredirected_hdrs.get(header_name, default))

    def header_items(self):
        d = dict(self.unredirected_hdrs)
        d.update(self.headers)
        return list(d.items())


def _no_network(what):
    raise NotImplementedError("concsim does not support %s yet (the simulated machine has no "
                              "network)" % what)


def urlopen(url, data=None, timeout=None, *, cafile=None, capath=None, cadefault=False,
            context=None):
    _no_network("urllib.request.urlopen")


def build_opener(*handlers):
    _no_network("urllib.request.build_opener")


def install_opener(opener):
    _no_network("urllib.request.install_opener")


def urlretrieve(url, filename=None, reporthook=None, data=None):
    _no_network("urllib.request.urlretrieve")


def pathname2url(pathname):
    return quote(pathname)


def url2pathname(pathname):
    return unquote(pathname)
