# socketserver.ForkingTCPServer: each request is handled in a forked child, which answers
# over the connection it inherited while the parent closes its copy.
import os, socket, socketserver, threading

class H(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline()
        self.wfile.write(b"child says " + line.upper())

with socketserver.ForkingTCPServer(("127.0.0.1", 0), H) as srv:
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    t.start()
    for i in range(3):
        with socket.create_connection(srv.server_address) as c:
            c.sendall(b"hello %d\n" % i)
            print(c.makefile("rb").readline().decode().strip())
    srv.shutdown()
    t.join()
print("done")
