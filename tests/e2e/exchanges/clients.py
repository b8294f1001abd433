#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Clients for the exchanges loopback test: each request is timed by this
process's own clock, from just before the request is sent to the first
byte of the answer, and written to MEASURED.json. The answer's arrival is
the kernel's receive timestamp of it (SO_TIMESTAMPNS), so that the
moment this process is scheduled again does not count. The request leaves
during the send (or connect) call: "ms" is timed from just before the
call, "ms_min" from just after it; the true time lies between.

    clients.py SMTP_PORT SLOW_SMTP_PORT DNS_PORT HTTP_PORT MEASURED.json
"""
import json, socket, struct, sys, time

smtp_port, slow_port, dns_port, http_port = (int(a) for a in sys.argv[1:5])
out = []
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)


def now():
    return time.time_ns() / 1e9


def stamped(sock):
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    return sock


def recv_stamped(sock, n):
    """n bytes at most and the kernel's time of their arrival, in seconds."""
    b, anc, _, _ = sock.recvmsg(n, socket.CMSG_SPACE(16))
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
            sec, ns = struct.unpack("qq", data[:16])
            return sec + ns / 1e9, b
    return now(), b


def first_byte(sock):
    t, b = recv_stamped(sock, 1)
    if not b:
        raise SystemExit("connection closed early")
    return t, b


def smtp_reply(sock, first):
    """Reads one whole reply (all lines) whose first byte is `first`."""
    buf = first
    while True:
        lines = buf.split(b"\r\n")
        for l in lines[:-1]:
            if len(l) >= 4 and l[3:4] == b" ":
                return int(l[:3])
        buf += sock.recv(4096)


def smtp_session(port, rcpts):
    # the greeting is timed from the handshake: connect() starts it
    t0 = now()
    s = stamped(socket.create_connection(("127.0.0.1", port)))
    t0b = now()
    t1, b = first_byte(s)
    code = smtp_reply(s, b)
    out.append({"proto": "SMTP", "port": port, "kind": "greeting", "code": code, "ms": (t1 - t0) * 1e3,
                "ms_min": (t1 - t0b) * 1e3})

    def cmd(line, kind):
        t0 = now()
        s.sendall(line)
        t0b = now()
        t1, b = first_byte(s)
        code = smtp_reply(s, b)
        out.append({"proto": "SMTP", "port": port, "kind": kind, "code": code, "ms": (t1 - t0) * 1e3,
                    "ms_min": (t1 - t0b) * 1e3})

    cmd(b"EHLO client.kansoku.test\r\n", "EHLO")
    cmd(b"MAIL FROM:<alice@kansoku.test>\r\n", "MAIL")
    for r in rcpts:
        cmd(b"RCPT TO:<%s>\r\n" % r.encode(), "RCPT")
    cmd(b"DATA\r\n", "DATA")
    cmd(b"Subject: test\r\n\r\nhello\r\n" + b"line of text\r\n" * 50 + b".\r\n", "end-of-data")
    cmd(b"QUIT\r\n", "QUIT")
    s.close()


def dns_query(sock, qid, name, qtype, wait):
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        q += bytes([len(label)]) + label.encode()
    q += b"\0" + struct.pack(">HH", qtype, 1)
    sock.settimeout(wait)
    t0 = now()
    tries = 0
    while tries < 2:
        sock.send(q)
        if not tries:
            t0b = now()
        tries += 1
        try:
            t1, r = recv_stamped(sock, 4096)
            out.append({"proto": "DNS", "port": dns_port, "kind": {1: "A", 28: "AAAA"}[qtype],
                        "name": name, "id": qid, "code": r[3] & 15, "ms": (t1 - t0) * 1e3, "ms_min": (t1 - t0b) * 1e3,
                        "duplicates": tries - 1})
            return
        except socket.timeout:
            if not name.startswith("retry-"):
                break
    out.append({"proto": "DNS", "port": dns_port, "kind": {1: "A", 28: "AAAA"}[qtype], "name": name,
                "id": qid, "code": None, "ms": None, "duplicates": tries - 1})


def http_session():
    s = stamped(socket.create_connection(("127.0.0.1", http_port)))
    for method, path in (("GET", "/fast"), ("GET", "/slow"), ("POST", "/form"), ("GET", "/missing")):
        body = b"a=1&b=2" if method == "POST" else b""
        req = ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % (
            method, path, len(body))).encode() + body
        t0 = now()
        s.sendall(req)
        t0b = now()
        t1, b = first_byte(s)
        buf = b
        while b"\r\n\r\n" not in buf:
            buf += s.recv(4096)
        head, rest = buf.split(b"\r\n\r\n", 1)
        n = int([l.split(b":")[1] for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0])
        while len(rest) < n:
            rest += s.recv(4096)
        out.append({"proto": "HTTP", "port": http_port, "kind": method, "path": path,
                    "code": int(head.split(b" ")[1]), "ms": (t1 - t0) * 1e3, "ms_min": (t1 - t0b) * 1e3})
    s.close()


smtp_session(smtp_port, ["bob@kansoku.test", "carol@kansoku.test"])
smtp_session(slow_port, ["dave@kansoku.test"])
d = stamped(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
d.connect(("127.0.0.1", dns_port))
for i, (name, qtype) in enumerate((("www.kansoku.test.", 1), ("www.kansoku.test.", 28),
                                   ("drop-1.kansoku.test.", 1), ("nx-1.kansoku.test.", 1),
                                   ("retry-1.kansoku.test.", 1), ("drop-2.kansoku.test.", 28),
                                   ("mail.kansoku.test.", 1))):
    dns_query(d, 0x1000 + i, name, qtype, 0.3)
http_session()
json.dump(out, open(sys.argv[5], "w"), indent=1)
