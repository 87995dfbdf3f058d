# TCP sockets between threads of one process: echo, short reads, end of file, timeouts,
# non-blocking calls, select, makefile, and CPython's errors (no port is printed: the OS
# picks them).
import select
import socket
import threading


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
attempt("recv unconnected:", lambda: server.recv(10))
attempt("send unconnected:", lambda: server.send(b"x"))
attempt("peer unconnected:", lambda: server.getpeername())
attempt("send str:", lambda: server.send("x"))
attempt("accept unbound:", lambda: server.accept())
print("unbound name:", server.getsockname())
server.bind(("localhost", 0))
host, port = server.getsockname()
print("bound to", host, type(port).__name__, 0 < port < 65536)
attempt("accept before listen:", lambda: server.accept())
server.listen()
server.settimeout(0.05)
attempt("accept timeout:", lambda: server.accept())
server.setblocking(False)
attempt("accept non-blocking:", lambda: server.accept())
print("timeout", server.gettimeout(), "blocking", server.getblocking())
server.setblocking(True)
print("readable before connect:", select.select([server], [], [], 0)[0] == [])


seen = []


def echo_once():
    conn, addr = server.accept()
    with conn:
        seen.append("server: peer is %s %s" % (addr[0], conn.getpeername() == addr))
        while True:
            data = conn.recv(4)
            if not data:
                seen.append("server: client closed")
                break
            conn.sendall(data.upper())


t = threading.Thread(target=echo_once)
t.start()
client = socket.create_connection((host, port))
print("client proto", client.proto, "peer", client.getpeername() == (host, port))
client.sendall(b"hello world")
got = b""
while len(got) < 11:
    got += client.recv(100)
print("client got", got)
client.settimeout(0.01)
attempt("recv timeout:", lambda: client.recv(5))
client.shutdown(socket.SHUT_WR)
t.join()
print("\n".join(seen))
client.settimeout(None)
print("after server close:", client.recv(5))
client.close()
print(repr(client))
attempt("recv closed:", lambda: client.recv(1))
print("fileno closed:", client.fileno())

# A closed listener refuses; a bound port is in use.
other = socket.socket()
attempt("bind in use:", lambda: other.bind(("localhost", port)))
server.close()
attempt("connect refused:", lambda: socket.create_connection(("localhost", port)))

# socketpair, select on data, makefile lines.
a, b = socket.socketpair()
print("pair family", a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM)
r, w, x = select.select([b], [a], [], 0)
print("select idle:", r == [], w == [a], x)
a.sendall(b"line one\nline two\nrest")
r, w, x = select.select([b], [], [], 1.0)
print("select data:", r == [b])
f = b.makefile("rb")
print(f.readline(), f.readline())
a.close()
print(f.read())
print(select.select([b], [], [], 0)[0] == [b], b.recv(10))
print(socket.timeout is TimeoutError, socket.error is OSError, socket.SOMAXCONN)
print(socket.gethostbyname("localhost"))
