# http: CPython 3.11's HTTPStatus (every status with its name, phrase and description) and
# HTTPMethod. Members behave as CPython's IntEnum/StrEnum members in comparisons, hashing,
# int()/str()/format() and lookup by value (HTTPStatus(404)); concsim cannot subclass int or
# str yet, so isinstance(HTTPStatus.OK, int) is False.
# Invariant: one member object per status: HTTPStatus(404) is HTTPStatus.NOT_FOUND.
# Not supported: the enum API beyond members, lookup, iteration, name and value.

__all__ = ["HTTPStatus", "HTTPMethod"]

_STATUSES = """
100 CONTINUE||Request received, please continue
101 SWITCHING_PROTOCOLS||Switching to new protocol; obey Upgrade header
102 PROCESSING||
103 EARLY_HINTS||
200 OK|OK|Request fulfilled, document follows
201 CREATED||Document created, URL follows
202 ACCEPTED||Request accepted, processing continues off-line
203 NON_AUTHORITATIVE_INFORMATION|Non-Authoritative Information|Request fulfilled from cache
204 NO_CONTENT||Request fulfilled, nothing follows
205 RESET_CONTENT||Clear input form for further input
206 PARTIAL_CONTENT||Partial content follows
207 MULTI_STATUS|Multi-Status|
208 ALREADY_REPORTED||
226 IM_USED|IM Used|
300 MULTIPLE_CHOICES||Object has several resources -- see URI list
301 MOVED_PERMANENTLY||Object moved permanently -- see URI list
302 FOUND||Object moved temporarily -- see URI list
303 SEE_OTHER||Object moved -- see Method and URL list
304 NOT_MODIFIED||Document has not changed since given time
305 USE_PROXY||You must use proxy specified in Location to access this resource
307 TEMPORARY_REDIRECT||Object moved temporarily -- see URI list
308 PERMANENT_REDIRECT||Object moved permanently -- see URI list
400 BAD_REQUEST||Bad request syntax or unsupported method
401 UNAUTHORIZED||No permission -- see authorization schemes
402 PAYMENT_REQUIRED||No payment -- see charging schemes
403 FORBIDDEN||Request forbidden -- authorization will not help
404 NOT_FOUND||Nothing matches the given URI
405 METHOD_NOT_ALLOWED||Specified method is invalid for this resource
406 NOT_ACCEPTABLE||URI not available in preferred format
407 PROXY_AUTHENTICATION_REQUIRED||You must authenticate with this proxy before proceeding
408 REQUEST_TIMEOUT||Request timed out; try again later
409 CONFLICT||Request conflict
410 GONE||URI no longer exists and has been permanently removed
411 LENGTH_REQUIRED||Client must specify Content-Length
412 PRECONDITION_FAILED||Precondition in headers is false
413 REQUEST_ENTITY_TOO_LARGE||Entity is too large
414 REQUEST_URI_TOO_LONG|Request-URI Too Long|URI is too long
415 UNSUPPORTED_MEDIA_TYPE||Entity body in unsupported format
416 REQUESTED_RANGE_NOT_SATISFIABLE||Cannot satisfy request range
417 EXPECTATION_FAILED||Expect condition could not be satisfied
418 IM_A_TEAPOT|I'm a Teapot|Server refuses to brew coffee because it is a teapot.
421 MISDIRECTED_REQUEST||Server is not able to produce a response
422 UNPROCESSABLE_ENTITY||
423 LOCKED||
424 FAILED_DEPENDENCY||
425 TOO_EARLY||
426 UPGRADE_REQUIRED||
428 PRECONDITION_REQUIRED||The origin server requires the request to be conditional
429 TOO_MANY_REQUESTS||The user has sent too many requests in a given amount of time ("rate limiting")
431 REQUEST_HEADER_FIELDS_TOO_LARGE||The server is unwilling to process the request because its header fields are too large
451 UNAVAILABLE_FOR_LEGAL_REASONS||The server is denying access to the resource as a consequence of a legal demand
500 INTERNAL_SERVER_ERROR||Server got itself in trouble
501 NOT_IMPLEMENTED||Server does not support this operation
502 BAD_GATEWAY||Invalid responses from another server/proxy
503 SERVICE_UNAVAILABLE||The server cannot process the request due to a high load
504 GATEWAY_TIMEOUT||The gateway server did not receive a timely response
505 HTTP_VERSION_NOT_SUPPORTED|HTTP Version Not Supported|Cannot fulfill request
506 VARIANT_ALSO_NEGOTIATES||
507 INSUFFICIENT_STORAGE||
508 LOOP_DETECTED||
510 NOT_EXTENDED||
511 NETWORK_AUTHENTICATION_REQUIRED||The client needs to authenticate to gain network access
"""


class _Member:
    __slots__ = ("_value_", "_name_", "phrase", "description", "_cls")

    def __init__(self, cls, name, value, phrase="", description=""):
        self._cls = cls
        self._name_ = name
        self._value_ = value
        self.phrase = phrase
        self.description = description

    name = property(lambda self: self._name_)
    value = property(lambda self: self._value_)

    def __repr__(self):
        if self._cls is HTTPMethod:
            return "<HTTPMethod.%s>" % self._name_
        return "<%s.%s: %r>" % (self._cls.__name__, self._name_, self._value_)

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __eq__(self, other):
        if isinstance(other, _Member):
            return self is other
        return self._value_ == other

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._value_ < (other._value_ if isinstance(other, _Member) else other)

    def __le__(self, other):
        return self._value_ <= (other._value_ if isinstance(other, _Member) else other)

    def __gt__(self, other):
        return self._value_ > (other._value_ if isinstance(other, _Member) else other)

    def __ge__(self, other):
        return self._value_ >= (other._value_ if isinstance(other, _Member) else other)

    def __hash__(self):
        return hash(self._value_)

    def __int__(self):
        return int(self._value_)

    def __index__(self):
        return self._value_

    def __reduce__(self):
        return (self._cls, (self._value_,))


class _EnumLike(type):
    def __call__(cls, value):
        for m in cls._members_:
            if m._value_ == value:
                return m
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    def __iter__(cls):
        return iter(cls._members_)

    def __len__(cls):
        return len(cls._members_)

    def __getitem__(cls, name):
        for m in cls._members_:
            if m._name_ == name:
                return m
        raise KeyError(name)

    def __repr__(cls):
        return "<enum %r>" % cls.__name__


class HTTPStatus(metaclass=_EnumLike):
    _members_ = []


class HTTPMethod(metaclass=_EnumLike):
    _members_ = []


def _fill():
    for line in _STATUSES.strip().split("\n"):
        head, phrase, description = line.split("|")
        code, name = head.split(" ")
        m = _Member(HTTPStatus, name, int(code), phrase or name.replace("_", " ").title(),
                    description)
        HTTPStatus._members_.append(m)
        setattr(HTTPStatus, name, m)
    for name, description in (
            ("CONNECT", "Establish a connection to the server."),
            ("DELETE", "Remove the target."),
            ("GET", "Retrieve the target."),
            ("HEAD", "Same as GET, but only retrieve the status line and header section."),
            ("OPTIONS", "Describe the communication options for the target."),
            ("PATCH", "Apply partial modifications to a target."),
            ("POST", "Perform target-specific processing with the request payload."),
            ("PUT", "Replace the target with the request payload."),
            ("TRACE", "Perform a message loop-back test along the path to the target.")):
        m = _Member(HTTPMethod, name, name, "", description)
        HTTPMethod._members_.append(m)
        setattr(HTTPMethod, name, m)


_fill()
