from urllib.parse import (urlparse, urlsplit, urlunparse, urlunsplit, urljoin, urlencode, quote,
                          quote_plus, unquote, unquote_plus, parse_qs, parse_qsl, urldefrag)
import urllib.parse
import urllib.request
import urllib.error

for u in ("http://user:pw@Example.COM:8080/a/b;p?q=1&r=2#frag", "https://[::1]:443/x",
          "file:///etc/passwd", "mailto:someone@example.com", "//host/path", "/just/path?x",
          "  http://spaced.org/ ", "HTTP://x.org"):
    p = urlparse(u)
    print(p)
    print(" ", p.hostname, p.port, p.username, p.password, p.geturl())
    s = urlsplit(u)
    print(" ", s, urlunsplit(s) == s.geturl())
print(urlunparse(("https", "h.org", "/p", "", "a=1", "f")))
print(urlparse(b"http://b.org/x"))
base = "http://a/b/c/d;p?q"
for rel in ("g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "..", "../g", "../..",
            "../../../g", ".", "./", "g;x", "", "https://other/x"):
    print(repr(rel), urljoin(base, rel))
print(urldefrag("http://x.org/a#b"), urldefrag("http://x.org/a"))
print(quote("a b/c?d=é&"), quote("a b/c", safe=""), quote_plus("a b&c=d/e"), quote(b"\x00\xff"))
print(unquote("a%20b%2Fc%C3%A9%zz"), unquote_plus("a+b%2B"))
print(urlencode({"a": 1, "b": "x y", "c": "é"}), urlencode([("k", "v"), ("k", "w")]))
print(urlencode({"l": [1, 2]}, doseq=True), urlencode({"l": [1, 2]}))
print(parse_qs("a=1&a=2&b=&c=x+y%21"), parse_qs("a=1&b=", keep_blank_values=True))
print(parse_qsl("a=1;b=2", separator=";"), parse_qsl("x&y=1"))
try:
    parse_qsl("x&y=1", strict_parsing=True)
except ValueError as e:
    print("ValueError", e)
for bad in ("http://[::1/x", "http://h:99999/", "http://h:abc/"):
    try:
        print(urlparse(bad).port)
    except ValueError as e:
        print("ValueError", e)
try:
    urlencode("abc")
except TypeError as e:
    print("TypeError", e)
r = urllib.request.Request("http://example.com/api?x=1#top", data=b"{}", headers={"content-type": "json"})
print(r.full_url, r.get_method(), r.host, r.selector, r.type, r.header_items(), r.fragment)
print(str(urllib.error.URLError("refused")), str(urllib.error.HTTPError("u", 404, "Not Found", {}, None)))
