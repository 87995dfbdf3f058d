# concsim's multiprocessing.managers: CPython 3.11's BaseManager, Server, Token and proxies,
# over the simulator's sockets (_concsim.net_*), so a manager's server is a real simulated
# process on a host, reached over a connection with latency, and several hosts can share it.
# Invariant: what crosses a connection is pickled (Connection.send), the authkey challenge is
# CPython's HMAC-MD5 exchange, and errors are CPython's (ConnectionRefusedError,
# AuthenticationError, RemoteError, the remote exception re-raised by the proxy).

import os
import sys
import queue
import _concsim as _thread
import threading
import multiprocessing
from multiprocessing import AuthenticationError, ProcessError, Connection, Process, Pipe
from multiprocessing.connection import Listener, Client, deliver_challenge, answer_challenge

__all__ = ["BaseManager", "SyncManager", "BaseProxy", "Token", "RemoteError", "Namespace",
           "SharedMemoryManager"]

# --- managers.py ---


class Token:
    __slots__ = ("typeid", "address", "id")

    def __init__(self, typeid, address, id):
        (self.typeid, self.address, self.id) = (typeid, address, id)

    def __repr__(self):
        return "%s(typeid=%r, address=%r, id=%r)" % (type(self).__name__, self.typeid, self.address, self.id)


def _ask_server(address, authkey, methodname, args=(), kwds={}):
    # One request on a connection of its own (CPython's connect/dispatch/close pattern).
    conn = Client(address, authkey=authkey)
    try:
        return dispatch(conn, None, methodname, args, kwds)
    finally:
        conn.close()


def dispatch(c, id, methodname, args=(), kwds={}):
    c.send((id, methodname, args, kwds))
    kind, result = c.recv()
    if kind == "#RETURN":
        return result
    raise convert_to_error(kind, result)


def convert_to_error(kind, result):
    if kind == "#ERROR":
        return result
    elif kind in ("#TRACEBACK", "#UNSERIALIZABLE"):
        if not isinstance(result, str):
            raise TypeError("Result {0!r} (kind '{1}') type is {2}, not str".format(result, kind, type(result)))
        if kind == "#UNSERIALIZABLE":
            return RemoteError("Unserializable message: %s\n" % result)
        else:
            return RemoteError(result)
    else:
        return ValueError("Unrecognized message type {!r}".format(kind))


class RemoteError(Exception):
    def __str__(self):
        return "\n" + "-" * 75 + "\n" + str(self.args[0]) + "-" * 75


def all_methods(obj):
    temp = []
    for name in dir(obj):
        func = getattr(obj, name)
        if callable(func):
            temp.append(name)
    return temp


def public_methods(obj):
    return [name for name in all_methods(obj) if name[0] != "_"]


def _format_exc(e):
    # The server's traceback text sent to the client (concsim has no traceback module).
    return "Traceback (most recent call last):\n%s: %s\n" % (type(e).__name__, e)


def _setitem(o, k, v):
    o[k] = v


def _delitem(o, k):
    del o[k]


def _imul(o, n):
    o *= n
    return o


# The special methods proxies call: concsim's builtin types do not have them as attributes,
# so the server applies the operation itself.
_OPERATORS = {
    "__getitem__": lambda o, k: o[k],
    "__setitem__": _setitem,
    "__delitem__": _delitem,
    "__len__": len,
    "__contains__": lambda o, x: x in o,
    "__iter__": iter,
    "__next__": next,
    "__add__": lambda o, x: o + x,
    "__mul__": lambda o, n: o * n,
    "__rmul__": lambda o, n: n * o,
    "__imul__": _imul,
    "__reversed__": reversed,
    "__getattribute__": getattr,
    "__setattr__": setattr,
    "__delattr__": delattr,
    "__repr__": repr,
    "__str__": str,
}


# CPython registers a reduction that pickles dict views as lists. (By name: under `concsim
# real` each OS thread builds its own view classes.)
_VIEW_TYPES = ("dict_keys", "dict_values", "dict_items")


def _method_of(obj, name):
    try:
        return getattr(obj, name)
    except AttributeError:
        op = _OPERATORS.get(name)
        if op is None:
            raise

        def method(*args):
            return op(obj, *args)

        return method


class Server:
    public = ["shutdown", "create", "accept_connection", "get_methods", "debug_info",
              "number_of_objects", "dummy", "incref", "decref"]

    def __init__(self, registry, address, authkey, serializer):
        if not isinstance(authkey, bytes):
            raise TypeError("Authkey {0!r} is type {1!s}, not bytes".format(authkey, type(authkey)))
        self.registry = registry
        self.authkey = authkey
        self.listener = Listener(address=address, backlog=16)
        self.address = self.listener.address
        self.id_to_obj = {"0": (None, ())}
        self.id_to_refcount = {}
        self.id_to_local_proxy_obj = {}
        self.mutex = threading.Lock()
        self.stop_event = threading.Event()

    def serve_forever(self):
        multiprocessing.current_process()._manager_server = self
        try:
            accepter = threading.Thread(target=self.accepter)
            accepter.daemon = True
            accepter.start()
            try:
                while not self.stop_event.is_set():
                    self.stop_event.wait(1)
            except (KeyboardInterrupt, SystemExit):
                pass
        finally:
            sys.exit(0)

    def accepter(self):
        while True:
            try:
                c = self.listener.accept()
            except OSError:
                continue
            t = threading.Thread(target=self.handle_request, args=(c,))
            t.daemon = True
            t.start()

    def _handle_request(self, c):
        request = None
        try:
            deliver_challenge(c, self.authkey)
            answer_challenge(c, self.authkey)
            request = c.recv()
            ignore, funcname, args, kwds = request
            assert funcname in self.public, "%r unrecognized" % funcname
            func = getattr(self, funcname)
        except Exception as e:
            msg = ("#TRACEBACK", _format_exc(e))
        else:
            try:
                result = func(c, *args, **kwds)
            except Exception as e:
                msg = ("#TRACEBACK", _format_exc(e))
            else:
                msg = ("#RETURN", result)
        try:
            c.send(msg)
        except Exception:
            pass

    def handle_request(self, conn):
        try:
            self._handle_request(conn)
        except SystemExit:
            pass
        finally:
            conn.close()

    def serve_client(self, conn):
        recv = conn.recv
        send = conn.send
        id_to_obj = self.id_to_obj
        while not self.stop_event.is_set():
            try:
                methodname = obj = None
                request = recv()
                ident, methodname, args, kwds = request
                try:
                    obj, exposed, gettypeid = id_to_obj[ident]
                except KeyError as ke:
                    try:
                        obj, exposed, gettypeid = self.id_to_local_proxy_obj[ident]
                    except KeyError:
                        raise ke
                if methodname not in exposed:
                    raise AttributeError("method %r of %r object is not in exposed=%r" % (methodname, type(obj), exposed))
                function = _method_of(obj, methodname)
                try:
                    res = function(*args, **kwds)
                except Exception as e:
                    msg = ("#ERROR", e)
                else:
                    typeid = gettypeid and gettypeid.get(methodname, None)
                    if typeid:
                        rident, rexposed = self.create(conn, typeid, res)
                        token = Token(typeid, self.address, rident)
                        msg = ("#PROXY", (rexposed, token))
                    else:
                        if type(res).__name__ in _VIEW_TYPES and type(res).__module__ == "builtins":
                            res = list(res)
                        msg = ("#RETURN", res)
            except AttributeError as e:
                if methodname is None:
                    msg = ("#TRACEBACK", _format_exc(e))
                else:
                    try:
                        fallback_func = self.fallback_mapping[methodname]
                        result = fallback_func(self, conn, ident, obj, *args, **kwds)
                        msg = ("#RETURN", result)
                    except Exception as e2:
                        msg = ("#TRACEBACK", _format_exc(e2))
            except EOFError:
                sys.exit(0)
            except Exception as e:
                msg = ("#TRACEBACK", _format_exc(e))
            try:
                try:
                    send(msg)
                except Exception as e:
                    send(("#UNSERIALIZABLE", _format_exc(e)))
            except Exception:
                conn.close()
                sys.exit(1)

    def fallback_getvalue(self, conn, ident, obj):
        return obj

    def fallback_str(self, conn, ident, obj):
        return str(obj)

    def fallback_repr(self, conn, ident, obj):
        return repr(obj)

    fallback_mapping = {"__str__": fallback_str, "__repr__": fallback_repr, "#GETVALUE": fallback_getvalue}

    def dummy(self, c):
        pass

    def debug_info(self, c):
        with self.mutex:
            result = []
            keys = list(self.id_to_refcount.keys())
            keys.sort()
            for ident in keys:
                if ident != "0":
                    result.append("  %s:       refcount=%s\n    %s" % (ident, self.id_to_refcount[ident], str(self.id_to_obj[ident][0])[:75]))
            return "\n".join(result)

    def number_of_objects(self, c):
        return len(self.id_to_refcount)

    def shutdown(self, c):
        try:
            c.send(("#RETURN", None))
        finally:
            self.stop_event.set()

    def create(self, c, typeid, *args, **kwds):
        with self.mutex:
            callable, exposed, method_to_typeid, proxytype = self.registry[typeid]
            if callable is None:
                if kwds or (len(args) != 1):
                    raise ValueError("Without callable, must have one non-keyword argument")
                obj = args[0]
            else:
                obj = callable(*args, **kwds)
            if exposed is None:
                exposed = public_methods(obj)
            if method_to_typeid is not None:
                exposed = list(exposed) + list(method_to_typeid)
            ident = "%x" % id(obj)
            self.id_to_obj[ident] = (obj, set(exposed), method_to_typeid)
            if ident not in self.id_to_refcount:
                self.id_to_refcount[ident] = 0
        self.incref(c, ident)
        return ident, tuple(exposed)

    def get_methods(self, c, token):
        return tuple(self.id_to_obj[token.id][1])

    def accept_connection(self, c, name):
        threading.current_thread().name = name
        c.send(("#RETURN", None))
        self.serve_client(c)

    def incref(self, c, ident):
        with self.mutex:
            try:
                self.id_to_refcount[ident] += 1
            except KeyError as ke:
                if ident in self.id_to_local_proxy_obj:
                    self.id_to_refcount[ident] = 1
                    self.id_to_obj[ident] = self.id_to_local_proxy_obj[ident]
                else:
                    raise ke

    def decref(self, c, ident):
        if ident not in self.id_to_refcount and ident in self.id_to_local_proxy_obj:
            return
        with self.mutex:
            if self.id_to_refcount[ident] <= 0:
                raise AssertionError("Id {0!s} ({1!r}) has refcount {2:n}, not 1+".format(
                    ident, self.id_to_obj[ident], self.id_to_refcount[ident]))
            self.id_to_refcount[ident] -= 1
            if self.id_to_refcount[ident] == 0:
                del self.id_to_refcount[ident]
                # CPython drops the object here; concsim's proxies are never collected, so
                # the manager keeps it for the proxies that still name it.


class State:
    __slots__ = ["value"]
    INITIAL = 0
    STARTED = 1
    SHUTDOWN = 2


class BaseManager:
    _registry = {}
    _Server = Server

    def __init__(self, address=None, authkey=None, serializer="pickle", ctx=None, *, shutdown_timeout=1.0):
        if authkey is None:
            authkey = multiprocessing.current_process().authkey
        self._address = address
        self._authkey = bytes(authkey)
        self._state = State()
        self._state.value = State.INITIAL
        self._serializer = serializer
        self._shutdown_timeout = shutdown_timeout
        self._process = None

    def _check_not_started(self):
        if self._state.value != State.INITIAL:
            if self._state.value == State.STARTED:
                raise ProcessError("Already started server")
            elif self._state.value == State.SHUTDOWN:
                raise ProcessError("Manager has shut down")
            else:
                raise ProcessError("Unknown state {!r}".format(self._state.value))

    def get_server(self):
        self._check_not_started()
        return Server(self._registry, self._address, self._authkey, self._serializer)

    def connect(self):
        conn = Client(self._address, authkey=self._authkey)
        dispatch(conn, None, "dummy")
        self._state.value = State.STARTED

    def start(self, initializer=None, initargs=()):
        self._check_not_started()
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        reader, writer = Pipe(duplex=False)
        self._process = Process(
            target=type(self)._run_server,
            args=(self._registry, self._address, self._authkey, self._serializer, writer, initializer, initargs),
        )
        ident = ":".join(str(i) for i in self._process._identity)
        self._process.name = type(self).__name__ + "-" + ident
        self._process.start()
        writer.close()
        self._address = reader.recv()
        reader.close()
        self._state.value = State.STARTED
        _live_managers.append(self)

    def shutdown(self):
        # CPython sets this attribute to a Finalize when start() succeeds; a method here, so a
        # manager (held by its proxies) can be pickled.
        if self._process is None:
            raise AttributeError("'%s' object has no attribute 'shutdown'" % type(self).__name__)
        BaseManager._finalize_manager(self)

    @classmethod
    def _run_server(cls, registry, address, authkey, serializer, writer, initializer=None, initargs=()):
        if initializer is not None:
            initializer(*initargs)
        server = cls._Server(registry, address, authkey, serializer)
        writer.send(server.address)
        writer.close()
        server.serve_forever()

    def _create(self, typeid, *args, **kwds):
        assert self._state.value == State.STARTED, "server not yet started"
        id, exposed = _ask_server(self._address, self._authkey, "create", (typeid,) + args, kwds)
        return Token(typeid, self._address, id), exposed

    def join(self, timeout=None):
        if self._process is not None:
            self._process.join(timeout)
            if not self._process.is_alive():
                self._process = None

    def _debug_info(self):
        return _ask_server(self._address, self._authkey, "debug_info")

    def _number_of_objects(self):
        return _ask_server(self._address, self._authkey, "number_of_objects")

    def __enter__(self):
        if self._state.value == State.INITIAL:
            self.start()
        if self._state.value != State.STARTED:
            if self._state.value == State.INITIAL:
                raise ProcessError("Unable to start server")
            elif self._state.value == State.SHUTDOWN:
                raise ProcessError("Manager has shut down")
            else:
                raise ProcessError("Unknown state {!r}".format(self._state.value))
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown()

    def _finalize_manager(self):
        # CPython's Finalize callback: ask the server to stop, wait, then terminate it.
        if self in _live_managers:
            _live_managers.remove(self)
        process = self._process
        if process is not None and process.is_alive():
            try:
                _ask_server(self._address, self._authkey, "shutdown")
            except Exception:
                pass
            process.join(timeout=self._shutdown_timeout)
            if process.is_alive():
                if hasattr(process, "terminate"):
                    process.terminate()
                    process.join(timeout=self._shutdown_timeout)
                    if process.is_alive():
                        process.kill()
                        process.join()
        self._state.value = State.SHUTDOWN

    @property
    def address(self):
        return self._address

    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None, method_to_typeid=None, create_method=True):
        if "_registry" not in cls.__dict__:
            cls._registry = cls._registry.copy()
        if proxytype is None:
            proxytype = AutoProxy
        exposed = exposed or getattr(proxytype, "_exposed_", None)
        method_to_typeid = method_to_typeid or getattr(proxytype, "_method_to_typeid_", None)
        if method_to_typeid:
            for key, value in list(method_to_typeid.items()):
                assert type(key) is str, "%r is not a string" % key
                assert type(value) is str, "%r is not a string" % value
        cls._registry[typeid] = (callable, exposed, method_to_typeid, proxytype)
        if create_method:
            def temp(self, *args, **kwds):
                token, exp = self._create(typeid, *args, **kwds)
                proxy = proxytype(token, self._serializer, manager=self, authkey=self._authkey, exposed=exp)
                _ask_server(token.address, self._authkey, "decref", (token.id,))
                return proxy

            temp.__name__ = typeid
            setattr(cls, typeid, temp)


# Managers started by this process and not shut down yet: shut down at exit, before
# multiprocessing joins the children (CPython's Finalize with exitpriority 0).
_live_managers = []


def _shutdown_managers():
    for m in list(_live_managers):
        m.shutdown()


_thread.atexit_register(_shutdown_managers)


class BaseProxy:
    def __init__(self, token, serializer, manager=None, authkey=None, exposed=None, incref=True, manager_owned=False):
        # CPython keeps each thread's connection in a threading.local reset after fork; here a
        # dict by (pid, thread ident), so a proxy can be pickled and a copy in another process
        # or thread opens its own connection.
        self._conns = {}
        self._token = token
        self._id = self._token.id
        self._manager = manager
        self._serializer = serializer
        if authkey is not None:
            self._authkey = bytes(authkey)
        elif self._manager is not None:
            self._authkey = self._manager._authkey
        else:
            self._authkey = multiprocessing.current_process().authkey
        self._owned_by_manager = manager_owned
        if incref:
            self._incref()

    def _connect(self):
        name = multiprocessing.current_process().name
        if threading.current_thread().name != "MainThread":
            name += "|" + threading.current_thread().name
        conn = Client(self._token.address, authkey=self._authkey)
        dispatch(conn, None, "accept_connection", (name,))
        self._conns[(os.getpid(), threading.get_ident())] = conn

    def _callmethod(self, methodname, args=(), kwds={}):
        key = (os.getpid(), threading.get_ident())
        conn = self._conns.get(key)
        if conn is None:
            self._connect()
            conn = self._conns[key]
        conn.send((self._id, methodname, args, kwds))
        kind, result = conn.recv()
        if kind == "#RETURN":
            return result
        elif kind == "#PROXY":
            exposed, token = result
            proxytype = self._manager._registry[token.typeid][-1]
            token.address = self._token.address
            proxy = proxytype(token, self._serializer, manager=self._manager, authkey=self._authkey, exposed=exposed)
            _ask_server(token.address, self._authkey, "decref", (token.id,))
            return proxy
        raise convert_to_error(kind, result)

    def _getvalue(self):
        return self._callmethod("#GETVALUE")

    def _incref(self):
        if self._owned_by_manager:
            return
        _ask_server(self._token.address, self._authkey, "incref", (self._id,))

    def __repr__(self):
        return "<%s object, typeid %r at %#x>" % (type(self).__name__, self._token.typeid, id(self))

    def __str__(self):
        try:
            return self._callmethod("__repr__")
        except Exception:
            return repr(self)[:-1] + "; '__str__()' failed>"


def _proxy_method(name):
    def method(self, *args, **kwds):
        return self._callmethod(name, args, kwds)

    method.__name__ = name
    return method


_proxy_types = {}


def MakeProxyType(name, exposed):
    exposed = tuple(exposed)
    try:
        return _proxy_types[(name, exposed)]
    except KeyError:
        pass
    dic = {"__module__": "multiprocessing.managers"}
    for meth in exposed:
        dic[meth] = _proxy_method(meth)
    ProxyType = type(name, (BaseProxy,), dic)
    ProxyType._exposed_ = exposed
    _proxy_types[(name, exposed)] = ProxyType
    return ProxyType


def AutoProxy(token, serializer, manager=None, authkey=None, exposed=None, incref=True, manager_owned=False):
    if exposed is None:
        exposed = _ask_server(token.address, authkey, "get_methods", (token,))
    if authkey is None and manager is not None:
        authkey = manager._authkey
    if authkey is None:
        authkey = multiprocessing.current_process().authkey
    ProxyType = MakeProxyType("AutoProxy[%s]" % token.typeid, exposed)
    proxy = ProxyType(token, serializer, manager=manager, authkey=authkey, incref=incref, manager_owned=manager_owned)
    proxy._isauto = True
    return proxy


# --- SyncManager (multiprocessing.Manager()) and its typed proxies ---


class Namespace:
    def __init__(self, /, **kwds):
        for k, v in kwds.items():
            setattr(self, k, v)

    def __repr__(self):
        items = list(self.__dict__.items())
        temp = []
        for name, value in items:
            if not name.startswith("_"):
                temp.append("%s=%r" % (name, value))
        temp.sort()
        return "%s(%s)" % (self.__class__.__name__, ", ".join(temp))


class Value:
    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._typecode, self._value)

    value = property(get, set)


def _to_ctype(typecode, v):
    from multiprocessing.sharedctypes import _to_ctype
    return _to_ctype(typecode, v)


class _array:
    # What CPython's manager keeps for Array(): an array.array (concsim has no array module):
    # a typed list that prints as array('i', [...]).
    def __init__(self, typecode, items):
        self.typecode = typecode
        self._items = [_to_ctype(typecode, v) for v in items]

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = _to_ctype(self.typecode, v)

    def __repr__(self):
        return "array(%r, %r)" % (self.typecode, self._items)


def Array(typecode, sequence, lock=True):
    return _array(typecode, sequence)


class IteratorProxy(BaseProxy):
    _exposed_ = ("__next__", "send", "throw", "close")

    def __iter__(self):
        return self

    def __next__(self, *args):
        return self._callmethod("__next__", args)

    def send(self, *args):
        return self._callmethod("send", args)

    def throw(self, *args):
        return self._callmethod("throw", args)

    def close(self, *args):
        return self._callmethod("close", args)


class AcquirerProxy(BaseProxy):
    _exposed_ = ("acquire", "release")

    def acquire(self, blocking=True, timeout=None):
        args = (blocking,) if timeout is None else (blocking, timeout)
        return self._callmethod("acquire", args)

    def release(self):
        return self._callmethod("release")

    def __enter__(self):
        return self._callmethod("acquire")

    def __exit__(self, exc_type, exc_val, exc_tb):
        return self._callmethod("release")


class ConditionProxy(AcquirerProxy):
    _exposed_ = ("acquire", "release", "wait", "notify", "notify_all")

    def wait(self, timeout=None):
        return self._callmethod("wait", (timeout,))

    def notify(self, n=1):
        return self._callmethod("notify", (n,))

    def notify_all(self):
        return self._callmethod("notify_all")

    def wait_for(self, predicate, timeout=None):
        import time
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = time.monotonic() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


class EventProxy(BaseProxy):
    _exposed_ = ("is_set", "set", "clear", "wait")

    def is_set(self):
        return self._callmethod("is_set")

    def set(self):
        return self._callmethod("set")

    def clear(self):
        return self._callmethod("clear")

    def wait(self, timeout=None):
        return self._callmethod("wait", (timeout,))


class BarrierProxy(BaseProxy):
    _exposed_ = ("__getattribute__", "wait", "abort", "reset")

    def wait(self, timeout=None):
        return self._callmethod("wait", (timeout,))

    def abort(self):
        return self._callmethod("abort")

    def reset(self):
        return self._callmethod("reset")

    @property
    def parties(self):
        return self._callmethod("__getattribute__", ("parties",))

    @property
    def n_waiting(self):
        return self._callmethod("__getattribute__", ("n_waiting",))

    @property
    def broken(self):
        return self._callmethod("__getattribute__", ("broken",))


class NamespaceProxy(BaseProxy):
    _exposed_ = ("__getattribute__", "__setattr__", "__delattr__")

    # __getattr__ runs only once the ordinary lookup failed: a private name is not there.
    def __getattr__(self, key):
        if key[0] == "_":
            raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, key))
        return self._callmethod("__getattribute__", (key,))

    def __setattr__(self, key, value):
        if key[0] == "_":
            return object.__setattr__(self, key, value)
        return self._callmethod("__setattr__", (key, value))

    def __delattr__(self, key):
        if key[0] == "_":
            return object.__delattr__(self, key)
        return self._callmethod("__delattr__", (key,))


class ValueProxy(BaseProxy):
    _exposed_ = ("get", "set")

    def get(self):
        return self._callmethod("get")

    def set(self, value):
        return self._callmethod("set", (value,))

    value = property(get, set)


BaseListProxy = MakeProxyType("BaseListProxy", (
    "__add__", "__contains__", "__delitem__", "__getitem__", "__len__",
    "__mul__", "__reversed__", "__rmul__", "__setitem__",
    "append", "count", "extend", "index", "insert", "pop", "remove",
    "reverse", "sort", "__imul__",
))


class ListProxy(BaseListProxy):
    def __iadd__(self, value):
        self._callmethod("extend", (value,))
        return self

    def __imul__(self, value):
        self._callmethod("__imul__", (value,))
        return self

    # CPython iterates a ListProxy by the sequence protocol (__getitem__ until IndexError,
    # one call each); concsim iterates over a copy fetched in one call.
    def __iter__(self):
        return iter(self._getvalue())


DictProxy = MakeProxyType("DictProxy", (
    "__contains__", "__delitem__", "__getitem__", "__iter__", "__len__",
    "__setitem__", "clear", "copy", "get", "items",
    "keys", "pop", "popitem", "setdefault", "update", "values",
))
DictProxy._method_to_typeid_ = {"__iter__": "Iterator"}

ArrayProxy = MakeProxyType("ArrayProxy", ("__len__", "__getitem__", "__setitem__"))

BasePoolProxy = MakeProxyType("PoolProxy", (
    "apply", "apply_async", "close", "imap", "imap_unordered", "join",
    "map", "map_async", "starmap", "starmap_async", "terminate",
))
BasePoolProxy._method_to_typeid_ = {
    "apply_async": "AsyncResult",
    "map_async": "AsyncResult",
    "starmap_async": "AsyncResult",
    "imap": "Iterator",
    "imap_unordered": "Iterator",
}


class PoolProxy(BasePoolProxy):
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


class SyncManager(BaseManager):
    pass


def _pool(*args, **kwds):
    from multiprocessing.pool import Pool
    return Pool(*args, **kwds)


SyncManager.register("Queue", queue.Queue)
SyncManager.register("JoinableQueue", queue.Queue)
SyncManager.register("Event", threading.Event, EventProxy)
SyncManager.register("Lock", threading.Lock, AcquirerProxy)
SyncManager.register("RLock", threading.RLock, AcquirerProxy)
SyncManager.register("Semaphore", threading.Semaphore, AcquirerProxy)
SyncManager.register("BoundedSemaphore", threading.BoundedSemaphore, AcquirerProxy)
SyncManager.register("Condition", threading.Condition, ConditionProxy)
SyncManager.register("Barrier", threading.Barrier, BarrierProxy)
SyncManager.register("Pool", _pool, PoolProxy)
SyncManager.register("list", list, ListProxy)
SyncManager.register("dict", dict, DictProxy)
SyncManager.register("Value", Value, ValueProxy)
SyncManager.register("Array", Array, ArrayProxy)
SyncManager.register("Namespace", Namespace, NamespaceProxy)
SyncManager.register("Iterator", proxytype=IteratorProxy, create_method=False)
SyncManager.register("AsyncResult", create_method=False)


class _SharedMemoryTracker:
    # The shared memory segments a SharedMemoryManager's server unlinks at its shutdown.
    def __init__(self, name, segment_names=[]):
        self.shared_memory_context_name = name
        self.segment_names = segment_names

    def register_segment(self, segment_name):
        self.segment_names.append(segment_name)

    def destroy_segment(self, segment_name):
        from multiprocessing.shared_memory import SharedMemory
        self.segment_names.remove(segment_name)
        segment = SharedMemory(segment_name)
        segment.close()
        segment.unlink()

    def unlink(self):
        for segment_name in self.segment_names[:]:
            self.destroy_segment(segment_name)


class SharedMemoryServer(Server):
    public = Server.public + ["track_segment", "release_segment", "list_segments"]

    def __init__(self, *args, **kwargs):
        Server.__init__(self, *args, **kwargs)
        self.shared_memory_context = _SharedMemoryTracker("shm_%s_%d" % (self.address, os.getpid()), [])

    def shutdown(self, c):
        self.shared_memory_context.unlink()
        return Server.shutdown(self, c)

    def track_segment(self, c, segment_name):
        self.shared_memory_context.register_segment(segment_name)

    def release_segment(self, c, segment_name):
        self.shared_memory_context.destroy_segment(segment_name)

    def list_segments(self, c):
        return self.shared_memory_context.segment_names


class SharedMemoryManager(BaseManager):
    # A manager whose server tracks the segments made through it and unlinks them when it
    # shuts down.
    _Server = SharedMemoryServer

    def get_server(self):
        self._check_not_started()
        return self._Server(self._registry, self._address, self._authkey, self._serializer)

    def _tracked(self, made, shm):
        try:
            _ask_server(self._address, self._authkey, "track_segment", (shm.name,))
        except BaseException:
            shm.unlink()
            raise
        return made

    def SharedMemory(self, size):
        from multiprocessing.shared_memory import SharedMemory
        shm = SharedMemory(None, create=True, size=size)
        return self._tracked(shm, shm)

    def ShareableList(self, sequence):
        from multiprocessing.shared_memory import ShareableList
        sl = ShareableList(sequence)
        return self._tracked(sl, sl.shm)
