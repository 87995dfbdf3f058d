import http.client
import http.server
import json
import threading
from http import HTTPStatus

hits = []
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        with lock:
            hits.append(self.path)
            count = len(hits)
        if self.path == "/missing":
            self.send_error(HTTPStatus.NOT_FOUND, "No such page")
            return
        body = json.dumps({"path": self.path, "count": count}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        data = self.rfile.read(length)
        self.send_response(HTTPStatus.CREATED)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data.upper())

    def log_message(self, format, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
port = server.server_address[1]
t = threading.Thread(target=server.serve_forever)
t.start()

conn = http.client.HTTPConnection("127.0.0.1", port)
for path in ("/a", "/b?x=1"):
    conn.request("GET", path)
    r = conn.getresponse()
    print(r.status, r.reason, r.getheader("Content-Type"), json.loads(r.read()))
conn.request("POST", "/echo", body=b"hello", headers={"X-Test": "1"})
r = conn.getresponse()
print(r.status, r.reason, r.read(), r.version)
conn.request("GET", "/missing")
r = conn.getresponse()
body = r.read()
print(r.status, r.reason, r.getheader("Content-Type"), b"No such page" in body)
conn.close()


def client(n, results):
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("GET", "/worker/%d" % n)
    r = c.getresponse()
    results[n] = r.status
    r.read()
    c.close()


results = {}
workers = [threading.Thread(target=client, args=(i, results)) for i in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sorted(results.items()), len(hits))
c = http.client.HTTPConnection("127.0.0.1", port)
c.request("DELETE", "/x")
r = c.getresponse()
print(r.status, r.reason)
r.read()
c.close()
server.shutdown()
server.server_close()
t.join()
print(http.client.NOT_FOUND is HTTPStatus.NOT_FOUND, HTTPStatus.OK, repr(HTTPStatus.NOT_FOUND), HTTPStatus(404).phrase, HTTPStatus.NOT_FOUND == 404,
      HTTPStatus.TOO_MANY_REQUESTS.description, http.client.responses[503], f"{HTTPStatus.OK:>5}")
try:
    HTTPStatus(999)
except ValueError as e:
    print("ValueError", e)
from http import HTTPMethod
print(repr(HTTPMethod.GET), HTTPMethod.POST == "POST", HTTPMethod.GET.description, len(HTTPStatus))
