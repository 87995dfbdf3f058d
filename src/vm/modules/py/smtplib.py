# smtplib: CPython 3.11's SMTP client over concsim's simulated sockets: connect, the server's
# greeting and multi-line replies, helo/ehlo (with the extensions the server announces),
# mail/rcpt/data with dot-stuffing and CRLF line ends, sendmail (refused recipients returned,
# CPython's exceptions otherwise), send_message for objects with as_string(), noop, rset,
# verify, quit, and use as a context manager; a program can talk to an SMTP server it runs
# itself (socketserver), and gets ConnectionRefusedError where no server listens, as a
# machine without a mail server answers.
# Invariant: one command in flight at a time: each command is sent whole and its reply read
# whole before the next.
# Not supported: login/AUTH, starttls and SMTP_SSL (no TLS), LMTP (NotImplementedError).

import re
import socket

__all__ = ["SMTPException", "SMTPNotSupportedError", "SMTPServerDisconnected",
           "SMTPResponseException", "SMTPSenderRefused", "SMTPRecipientsRefused",
           "SMTPDataError", "SMTPConnectError", "SMTPHeloError", "SMTPAuthenticationError",
           "quoteaddr", "quotedata", "SMTP"]

SMTP_PORT = 25
SMTP_SSL_PORT = 465
CRLF = "\r\n"
bCRLF = b"\r\n"
_MAXLINE = 8192
_MAXCHALLENGE = 5


class SMTPException(OSError):
    pass


class SMTPNotSupportedError(SMTPException):
    pass


class SMTPServerDisconnected(SMTPException):
    pass


class SMTPResponseException(SMTPException):
    def __init__(self, code, msg):
        self.smtp_code = code
        self.smtp_error = msg
        self.args = (code, msg)


class SMTPSenderRefused(SMTPResponseException):
    def __init__(self, code, msg, sender):
        self.smtp_code = code
        self.smtp_error = msg
        self.sender = sender
        self.args = (code, msg, sender)


class SMTPRecipientsRefused(SMTPException):
    def __init__(self, recipients):
        self.recipients = recipients
        self.args = (recipients,)


class SMTPDataError(SMTPResponseException):
    pass


class SMTPConnectError(SMTPResponseException):
    pass


class SMTPHeloError(SMTPResponseException):
    pass


class SMTPAuthenticationError(SMTPResponseException):
    pass


def quoteaddr(addrstring):
    addr = addrstring.strip()
    if addr.startswith("<") and addr.endswith(">"):
        return addr
    m = re.search(r"<([^>]*)>", addr)
    if m:
        return "<%s>" % m.group(1)
    return "<%s>" % addr


def _addr_only(addrstring):
    return quoteaddr(addrstring)[1:-1]


def quotedata(data):
    return re.sub(r"(?m)^\.", "..", re.sub(r"(?:\r\n|\n|\r(?!\n))", CRLF, data))


def _quote_periods(bindata):
    return re.sub(br"(?m)^\.", b"..", bindata)


def _fix_eols(data):
    return re.sub(r"(?:\r\n|\n|\r(?!\n))", CRLF, data)


class SMTP:
    debuglevel = 0
    sock = None
    file = None
    helo_resp = None
    ehlo_msg = "ehlo"
    ehlo_resp = None
    does_esmtp = False
    default_port = SMTP_PORT

    def __init__(self, host="", port=0, local_hostname=None, timeout=None,
                 source_address=None):
        self._host = host
        self.timeout = timeout
        self.esmtp_features = {}
        self.command_encoding = "ascii"
        self.source_address = source_address
        self._auth_challenge_count = 0
        if host:
            code, msg = self.connect(host, port)
            if code != 220:
                self.close()
                raise SMTPConnectError(code, msg)
        if local_hostname is not None:
            self.local_hostname = local_hostname
        else:
            self.local_hostname = "[127.0.0.1]" if not host else socket.getfqdn()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        try:
            code, message = self.docmd("QUIT")
            if code != 221:
                raise SMTPResponseException(code, message)
        except SMTPServerDisconnected:
            pass
        finally:
            self.close()

    def set_debuglevel(self, debuglevel):
        self.debuglevel = debuglevel

    def connect(self, host="localhost", port=0, source_address=None):
        if not port and (host.find(":") == host.rfind(":")):
            i = host.rfind(":")
            if i >= 0:
                host, port = host[:i], host[i + 1:]
                try:
                    port = int(port)
                except ValueError:
                    raise OSError("nonnumeric port")
        if not port:
            port = self.default_port
        self._host = host
        if self.timeout is None:
            self.sock = socket.create_connection((host, port))
        else:
            self.sock = socket.create_connection((host, port), self.timeout)
        self.file = None
        code, msg = self.getreply()
        return code, msg

    def send(self, s):
        if self.sock:
            if isinstance(s, str):
                s = s.encode(self.command_encoding)
            try:
                self.sock.sendall(s)
            except OSError:
                self.close()
                raise SMTPServerDisconnected("Server not connected")
        else:
            raise SMTPServerDisconnected("please run connect() first")

    def putcmd(self, cmd, args=""):
        if args == "":
            s = cmd
        else:
            s = "%s %s" % (cmd, args)
        if "\r" in s or "\n" in s:
            s = s.replace("\n", "\\n").replace("\r", "\\r")
            raise ValueError("command and arguments contain prohibited newline characters: %s"
                             % (s,))
        self.send("%s%s" % (s, CRLF))

    def getreply(self):
        resp = []
        if self.file is None:
            self.file = self.sock.makefile("rb")
        while True:
            try:
                line = self.file.readline(_MAXLINE + 1)
            except OSError as e:
                self.close()
                raise SMTPServerDisconnected("Connection unexpectedly closed: " + str(e))
            if not line:
                self.close()
                raise SMTPServerDisconnected("Connection unexpectedly closed")
            if len(line) > _MAXLINE:
                self.close()
                raise SMTPResponseException(500, "Line too long.")
            resp.append(line[4:].strip(b" \t\r\n"))
            code = line[:3]
            try:
                errcode = int(code)
            except ValueError:
                errcode = -1
                break
            if line[3:4] != b"-":
                break
        return errcode, b"\n".join(resp)

    def docmd(self, cmd, args=""):
        self.putcmd(cmd, args)
        return self.getreply()

    def helo(self, name=""):
        self.putcmd("helo", name or self.local_hostname)
        code, msg = self.getreply()
        self.helo_resp = msg
        return code, msg

    def ehlo(self, name=""):
        self.esmtp_features = {}
        self.putcmd(self.ehlo_msg, name or self.local_hostname)
        code, msg = self.getreply()
        if code == -1 and len(msg) == 0:
            self.close()
            raise SMTPServerDisconnected("Server not connected")
        self.ehlo_resp = msg
        if code != 250:
            return code, msg
        self.does_esmtp = True
        resp = self.ehlo_resp.decode("latin-1").split("\n")
        del resp[0]
        for each in resp:
            m = re.match(r"(?P<feature>[A-Za-z0-9][A-Za-z0-9\-]*) ?", each)
            if m:
                feature = m.group("feature").lower()
                params = each[m.end("feature"):].strip()
                self.esmtp_features[feature] = params
        return code, msg

    def has_extn(self, opt):
        return opt.lower() in self.esmtp_features

    def help(self, args=""):
        self.putcmd("help", args)
        return self.getreply()[1]

    def rset(self):
        self.command_encoding = "ascii"
        return self.docmd("rset")

    def _rset(self):
        try:
            self.rset()
        except SMTPServerDisconnected:
            pass

    def noop(self):
        return self.docmd("noop")

    def mail(self, sender, options=()):
        optionlist = ""
        if options and self.does_esmtp:
            optionlist = " " + " ".join(options)
        self.putcmd("mail", "FROM:%s%s" % (quoteaddr(sender), optionlist))
        return self.getreply()

    def rcpt(self, recip, options=()):
        optionlist = ""
        if options and self.does_esmtp:
            optionlist = " " + " ".join(options)
        self.putcmd("rcpt", "TO:%s%s" % (quoteaddr(recip), optionlist))
        return self.getreply()

    def data(self, msg):
        self.putcmd("data")
        code, repl = self.getreply()
        if code != 354:
            raise SMTPDataError(code, repl)
        if isinstance(msg, str):
            msg = _fix_eols(msg).encode("ascii")
        q = _quote_periods(msg)
        if q[-2:] != bCRLF:
            q = q + bCRLF
        q = q + b"." + bCRLF
        self.send(q)
        return self.getreply()

    def verify(self, address):
        self.putcmd("vrfy", _addr_only(address))
        return self.getreply()

    vrfy = verify

    def expn(self, address):
        self.putcmd("expn", _addr_only(address))
        return self.getreply()

    def ehlo_or_helo_if_needed(self):
        if self.helo_resp is None and self.ehlo_resp is None:
            if not (200 <= self.ehlo()[0] <= 299):
                code, resp = self.helo()
                if not (200 <= code <= 299):
                    raise SMTPHeloError(code, resp)

    def login(self, user, password, *, initial_response_ok=True):
        raise NotImplementedError("concsim does not support SMTP authentication "
                                  "(smtplib.SMTP.login) yet")

    def starttls(self, keyfile=None, certfile=None, context=None):
        raise NotImplementedError("concsim does not support TLS (smtplib.SMTP.starttls) yet")

    def sendmail(self, from_addr, to_addrs, msg, mail_options=(), rcpt_options=()):
        self.ehlo_or_helo_if_needed()
        esmtp_opts = []
        if isinstance(msg, str):
            msg = _fix_eols(msg).encode("ascii")
        if self.does_esmtp:
            if self.has_extn("size"):
                esmtp_opts.append("size=%d" % len(msg))
            for option in mail_options:
                esmtp_opts.append(option)
        code, resp = self.mail(from_addr, esmtp_opts)
        if code != 250:
            if code == 421:
                self.close()
            else:
                self._rset()
            raise SMTPSenderRefused(code, resp, from_addr)
        senderrs = {}
        if isinstance(to_addrs, str):
            to_addrs = [to_addrs]
        for each in to_addrs:
            code, resp = self.rcpt(each, rcpt_options)
            if (code != 250) and (code != 251):
                senderrs[each] = (code, resp)
            if code == 421:
                self.close()
                raise SMTPRecipientsRefused(senderrs)
        if len(senderrs) == len(to_addrs):
            self._rset()
            raise SMTPRecipientsRefused(senderrs)
        code, resp = self.data(msg)
        if code != 250:
            if code == 421:
                self.close()
            else:
                self._rset()
            raise SMTPDataError(code, resp)
        return senderrs

    def send_message(self, msg, from_addr=None, to_addrs=None, mail_options=(),
                     rcpt_options=()):
        if from_addr is None:
            from_addr = msg["Sender"] or msg["From"]
        if to_addrs is None:
            to_addrs = [a.strip() for f in ("To", "Cc", "Bcc") if msg[f]
                        for a in msg[f].split(",")]
        text = msg.as_string() if hasattr(msg, "as_string") else str(msg)
        return self.sendmail(from_addr, to_addrs, text, mail_options, rcpt_options)

    def close(self):
        try:
            file = self.file
            self.file = None
            if file:
                file.close()
        finally:
            sock = self.sock
            self.sock = None
            if sock:
                sock.close()

    def quit(self):
        res = self.docmd("quit")
        self.ehlo_resp = self.helo_resp = None
        self.esmtp_features = {}
        self.does_esmtp = False
        self.close()
        return res


class SMTP_SSL(SMTP):
    default_port = SMTP_SSL_PORT

    def __init__(self, *args, **kwargs):
        raise NotImplementedError("concsim does not support TLS (smtplib.SMTP_SSL) yet")


class LMTP(SMTP):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("concsim does not support LMTP (smtplib.LMTP) yet")
