import smtplib
import socketserver
import threading

inbox = []


class MailHandler(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write(text.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sim.local ESMTP ready")
        mail = {"rcpt": []}
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode().rstrip("\r\n")
            verb = cmd.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-sim.local greets you")
                self.reply("250-SIZE 10000")
                self.reply("250 HELP")
            elif verb == "MAIL":
                mail["from"] = cmd[10:]
                self.reply("250 OK")
            elif verb == "RCPT":
                to = cmd[8:]
                if "nobody" in to:
                    self.reply("550 No such user")
                else:
                    mail["rcpt"].append(to)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = []
                while True:
                    l = self.rfile.readline()
                    if l == b".\r\n":
                        break
                    body.append(l.decode())
                mail["body"] = "".join(body)
                inbox.append(dict(mail))
                mail = {"rcpt": []}
                self.reply("250 Queued")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "RSET":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), MailHandler)
port = server.server_address[1]
t = threading.Thread(target=server.serve_forever)
t.start()

with smtplib.SMTP("127.0.0.1", port) as s:
    print(s.noop())
    refused = s.sendmail("alice@example.com", ["bob@example.com", "nobody@example.com"],
                         "Subject: hi\n\nHello Bob\n.leading dot\n")
    print(refused, s.has_extn("size"), s.esmtp_features)
    try:
        s.sendmail("alice@example.com", ["nobody@example.com"], "x")
    except smtplib.SMTPRecipientsRefused as e:
        print("refused", e.recipients)
    print(s.docmd("WHAT"))
print(inbox)
try:
    smtplib.SMTP().noop()
except smtplib.SMTPServerDisconnected as e:
    print("SMTPServerDisconnected", e)
server.shutdown()
server.server_close()
t.join()
print(smtplib.quoteaddr("Bob <bob@x.org>"), smtplib.quotedata("a\n.b\n"), issubclass(smtplib.SMTPException, OSError))
