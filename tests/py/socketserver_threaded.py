# socketserver: a ThreadingTCPServer served from a thread, three clients, a
# StreamRequestHandler reading lines, handle_request, and shutdown (after CPython's own
# example in the socketserver documentation).
import socket
import socketserver
import threading


class Upper(socketserver.BaseRequestHandler):
    def handle(self):
        data = str(self.request.recv(1024), "ascii")
        cur = threading.current_thread()
        self.request.sendall(bytes("{}: {}".format(cur.name, data.upper()), "ascii"))


class Lines(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(b"> " + line)


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    pass


def client(address, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect(address)
        sock.sendall(bytes(message, "ascii"))
        print("Received:", str(sock.recv(1024), "ascii"))


server = Server(("localhost", 0), Upper)
with server:
    ip, port = server.server_address
    print("server on", ip)
    th = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    th.daemon = True
    th.start()
    print("Server loop running in thread:", th.name)
    for i in range(1, 4):
        client((ip, port), "hello %d" % i)
    server.shutdown()
    th.join()
    print("served, thread alive:", th.is_alive())

with socketserver.TCPServer(("127.0.0.1", 0), Lines) as lines:
    def talk():
        with socket.create_connection(lines.server_address) as s:
            s.sendall(b"one\ntwo\n")
            s.shutdown(socket.SHUT_WR)
            f = s.makefile("r")
            print(f.read(), end="")

    t = threading.Thread(target=talk)
    t.start()
    lines.handle_request()
    t.join()

with socketserver.TCPServer(("127.0.0.1", 0), Lines) as idle:
    idle.timeout = 0.05
    print("handle_request with nobody:", idle.handle_request())

