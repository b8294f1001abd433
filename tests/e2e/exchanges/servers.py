#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Small servers on 127.0.0.1 for the exchanges loopback test.

    servers.py SMTP_PORT SLOW_SMTP_PORT DNS_PORT HTTP_PORT SLOW_SECONDS READY_FILE

A healthy SMTP server, one whose replies to RCPT and DATA take
SLOW_SECONDS, a DNS responder over UDP that never answers names starting
with "drop-" and ignores the first copy of names starting with "retry-",
and an HTTP/1.1 server whose /slow path answers after SLOW_SECONDS.
"""
import socket, socketserver, struct, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

smtp_port, slow_port, dns_port, http_port = (int(a) for a in sys.argv[1:5])
SLOW = float(sys.argv[5])


class SMTP(socketserver.StreamRequestHandler):
    slow = False

    def reply(self, text):
        self.wfile.write(text.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.reply("220 kansoku.test ESMTP ready")
        data = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            if data:
                if line == b".\r\n":
                    data = False
                    self.reply("250 2.0.0 queued")
                continue
            verb = line.split(b" ")[0].strip().upper()
            if verb == b"EHLO":
                self.reply("250-kansoku.test\r\n250-PIPELINING\r\n250 8BITMIME")
            elif verb in (b"MAIL", b"RSET", b"NOOP"):
                self.reply("250 2.1.0 ok")
            elif verb == b"RCPT":
                if self.slow:
                    time.sleep(SLOW)
                self.reply("250 2.1.5 ok")
            elif verb == b"DATA":
                if self.slow:
                    time.sleep(SLOW)
                self.reply("354 go ahead")
                data = True
            elif verb == b"QUIT":
                self.reply("221 2.0.0 bye")
                return
            else:
                self.reply("502 5.5.2 unknown")


class SlowSMTP(SMTP):
    slow = True


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def dns_server():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", dns_port))
    seen = set()
    while True:
        q, peer = s.recvfrom(4096)
        # the name, from the question after the 12-byte header
        i, labels = 12, []
        while q[i]:
            labels.append(q[i + 1:i + 1 + q[i]].decode())
            i += 1 + q[i]
        name, qend = ".".join(labels), i + 5
        if name.startswith("drop-"):
            continue
        if name.startswith("retry-") and name not in seen:
            seen.add(name)
            continue
        qtype = struct.unpack(">H", q[i + 1:i + 3])[0]
        flags = 0x8180 if not name.startswith("nx-") else 0x8183
        head = q[:2] + struct.pack(">HHHHH", flags, 1, 1 if qtype == 1 and flags == 0x8180 else 0, 0, 0)
        body = q[12:qend]
        if qtype == 1 and flags == 0x8180:
            body += b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + bytes([127, 0, 0, 53])
        s.sendto(head + body, peer)


class HTTP(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)
        if self.path.startswith("/slow"):
            time.sleep(SLOW)
        body = b"hello from %s\n" % self.path.encode()
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer


for port, handler in ((smtp_port, SMTP), (slow_port, SlowSMTP)):
    srv = Server(("127.0.0.1", port), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
threading.Thread(target=dns_server, daemon=True).start()
web = ThreadingHTTPServer(("127.0.0.1", http_port), HTTP)
threading.Thread(target=web.serve_forever, daemon=True).start()
open(sys.argv[6], "w").close()
while True:
    time.sleep(1)
