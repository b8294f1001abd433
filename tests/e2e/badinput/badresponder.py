#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A DNS responder on 127.0.0.1 that answers with malformed messages (stdlib only).

usage: badresponder.py PORTFILE SECONDS

Listens on UDP and TCP on one ephemeral port of 127.0.0.1 (written to
PORTFILE) and answers every query with the right id and question, then a
damage chosen by the first label of the name:
  loop      an answer whose owner name is a compression pointer to itself
  pingpong  two pointers pointing at each other
  forward   a pointer past the end of the message
  label     a label longer than what is left of the message
  longname  a name of more than 255 octets made of pointers to labels
  rdata     an RDLENGTH beyond the end of the message
  count     ANCOUNT of 5 with one answer present
  tsig      two TSIG records in the additional section (RFC 8945: at most one, last)
  good      a well-formed answer (A 192.0.2.1), to show the responder works
Exits by itself after SECONDS.
"""
import socket
import struct
import sys
import threading
import time


def question(q):
    """(id, question bytes, first label) of a query, or None."""
    if len(q) < 12:
        return None
    pos, first = 12, None
    while pos < len(q) and q[pos]:
        n = q[pos]
        if first is None:
            first = q[pos + 1:pos + 1 + n].decode("ascii", "replace").lower()
        pos += 1 + n
    end = pos + 5
    return struct.unpack("!H", q[:2])[0], q[12:end], first


def answer(q):
    parsed = question(q)
    if not parsed:
        return None
    qid, qsec, kind = parsed
    qname_at = 12

    def msg(an, ns, ar, body):
        return struct.pack("!HHHHHH", qid, 0x8180, 1, an, ns, ar) + qsec + body

    a_rr = struct.pack("!HHHIH", 0xC000 | qname_at, 1, 1, 60, 4) + bytes([192, 0, 2, 1])
    if kind == "loop":
        at = 12 + len(qsec)
        return msg(1, 0, 0, struct.pack("!H", 0xC000 | at) + struct.pack("!HHIH", 1, 1, 60, 4) + bytes(4))
    if kind == "pingpong":
        at = 12 + len(qsec)
        return msg(1, 0, 0, struct.pack("!HH", 0xC000 | (at + 2), 0xC000 | at) + struct.pack("!HHIH", 1, 1, 60, 4) + bytes(4))
    if kind == "forward":
        return msg(1, 0, 0, struct.pack("!H", 0xC000 | 0x3FF0) + struct.pack("!HHIH", 1, 1, 60, 4) + bytes(4))
    if kind == "label":
        return msg(1, 0, 0, b"\x3fabc")
    if kind == "longname":
        # 5 labels of 60 octets, each ending in a pointer to the one before: 305 octets
        body, prev = b"", None
        at = 12 + len(qsec)
        for i in range(5):
            here = at + len(body)
            body += b"\x3c" + b"a" * 60 + (struct.pack("!H", 0xC000 | prev) if prev else b"\x00")
            prev = here
        body += struct.pack("!H", 0xC000 | prev) + struct.pack("!HHIH", 1, 1, 60, 4) + bytes(4)
        return msg(1, 0, 0, body)
    if kind == "rdata":
        return msg(1, 0, 0, struct.pack("!HHHIH", 0xC000 | qname_at, 1, 1, 60, 100) + bytes(4))
    if kind == "count":
        return msg(5, 0, 0, a_rr)
    if kind == "tsig":
        tsig = b"\x00" + struct.pack("!HHIH", 250, 255, 0, 0)
        return msg(1, 0, 2, a_rr + tsig + tsig)
    return msg(1, 0, 0, a_rr)


def serve_udp(s):
    while True:
        q, peer = s.recvfrom(65535)
        r = answer(q)
        if r:
            s.sendto(r, peer)


def serve_tcp(s):
    while True:
        c, _ = s.accept()
        try:
            n = struct.unpack("!H", c.recv(2))[0]
            q = b""
            while len(q) < n:
                q += c.recv(n - len(q))
            r = answer(q)
            if r:
                c.sendall(struct.pack("!H", len(r)) + r)
            time.sleep(0.05)
        except (OSError, struct.error):
            pass
        c.close()


def main():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    port = u.getsockname()[1]
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("127.0.0.1", port))
    t.listen(8)
    threading.Thread(target=serve_udp, args=(u,), daemon=True).start()
    threading.Thread(target=serve_tcp, args=(t,), daemon=True).start()
    with open(sys.argv[1], "w") as f:
        f.write("%d\n" % port)
    time.sleep(float(sys.argv[2]))


if __name__ == "__main__":
    main()
