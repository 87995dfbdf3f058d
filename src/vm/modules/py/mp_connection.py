# concsim's multiprocessing.connection: CPython 3.11's Listener, Client, the authkey challenge
# and wait(), over the simulator's kernel channels. Connection and Pipe are multiprocessing's
# own (one kernel channel per direction); a Listener's connections are pairs of the network's
# channels (_concsim.net_*), so the same Connection class serves pipes and sockets.
# Invariant: what crosses a connection is pickled; the authkey challenge is CPython's HMAC-MD5
# exchange; wait() returns only objects that are ready (a recv() or a join would not block).

import time
import _concsim as _thread
import multiprocessing
from multiprocessing import AuthenticationError, BufferTooShort, Connection, Pipe

__all__ = ["Client", "Listener", "Pipe", "wait"]

MESSAGE_LENGTH = 20
CHALLENGE = b"#CHALLENGE#"
WELCOME = b"#WELCOME#"
FAILURE = b"#FAILURE#"
default_family = "AF_INET"
families = ["AF_UNIX", "AF_INET"]


def deliver_challenge(connection, authkey):
    if not isinstance(authkey, bytes):
        raise ValueError("Authkey must be bytes, not {0!s}".format(type(authkey)))
    message = _thread.random_bytes(MESSAGE_LENGTH)
    connection.send_bytes(CHALLENGE + message)
    digest = _thread.hmac_md5(authkey, message)
    response = connection.recv_bytes()
    if response == digest:
        connection.send_bytes(WELCOME)
    else:
        connection.send_bytes(FAILURE)
        raise AuthenticationError("digest received was wrong")


def answer_challenge(connection, authkey):
    if not isinstance(authkey, bytes):
        raise ValueError("Authkey must be bytes, not {0!s}".format(type(authkey)))
    message = connection.recv_bytes()
    assert message[: len(CHALLENGE)] == CHALLENGE, "message = %r" % message
    message = message[len(CHALLENGE):]
    connection.send_bytes(_thread.hmac_md5(authkey, message))
    response = connection.recv_bytes()
    if response != WELCOME:
        raise AuthenticationError("digest sent was rejected")


class Listener:
    # A TCP listener of the simulated network (CPython's default on Linux is a Unix socket in
    # a temporary directory; concsim has one kind of address, (host, port)).
    def __init__(self, address=None, family=None, backlog=1, authkey=None):
        if authkey is not None and not isinstance(authkey, bytes):
            raise TypeError("authkey should be a byte string")
        host, port = address if address is not None else ("127.0.0.1", 0)
        self._id, port = _thread.net_listen(port)
        self._address = ("0.0.0.0" if host == "" else host, port)
        self._authkey = authkey
        self._last_accepted = None
        self._closed = False

    def accept(self):
        if self._closed:
            raise OSError("listener is closed")
        rid, wid, peer = _thread.net_accept(self._id)
        self._last_accepted = peer
        c = Connection(rid, wid)
        if self._authkey is not None:
            deliver_challenge(c, self._authkey)
            answer_challenge(c, self._authkey)
        return c

    def close(self):
        if not self._closed:
            self._closed = True
            _thread.net_unlisten(self._address[1])

    @property
    def address(self):
        return self._address

    @property
    def last_accepted(self):
        return self._last_accepted

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()


def Client(address, family=None, authkey=None):
    rid, wid, _own = _thread.net_connect(address[0], address[1])
    c = Connection(rid, wid)
    if authkey is not None:
        answer_challenge(c, authkey)
        deliver_challenge(c, authkey)
    return c


# wait() asks every object whether it is ready and, while none is, sleeps select.POLL seconds
# of the machine's time before asking again (select.poll_until): the kernel has no wait on
# several channels and children at once (CPython's selector wakes at the first one).


def _ready(o):
    if isinstance(o, Connection):
        if o._rid is None:
            raise OSError("connection is write-only")
        o._check_closed()
        return _thread.chan_poll(o._rid, 0)
    p = multiprocessing._sentinels.get(o) if isinstance(o, int) else None
    if p is not None:
        return p._returncode is not None or p._poll(False) is not None
    if hasattr(o, "fileno") and not isinstance(o, int):
        return _ready(o.fileno())
    raise NotImplementedError("concsim does not support waiting on %r yet" % (o,))


def wait(object_list, timeout=None):
    object_list = list(object_list)
    if not object_list:
        if timeout is not None:
            time.sleep(max(timeout, 0))
            return []
    import select

    ready = select.poll_until(lambda: [o for o in object_list if _ready(o)] or None, timeout)
    return ready if ready is not None else []
