#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes small, exactly known captures for the flows/follow/flowgraph tests.

    python3 pcapgen.py OUTDIR

Each scenario below is a TCP or UDP exchange described packet by packet
(times, flags, sequence numbers, payloads), written as a classic pcap file
(Ethernet, IPv4/IPv6, correct IP/TCP/UDP checksums) with Python's struct
module only. The expected tables in this directory were worked out by hand
from these descriptions (see the comment above each scenario).
"""
import os
import socket
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


class Pcap:
    def __init__(self):
        self.records = []

    def add(self, t, frame, caplen=None):
        self.records.append((t, frame, caplen))

    def write(self, path):
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
            for t, frame, caplen in self.records:
                us = int(round(t * 1e6))    # scenario times are small: exact to the microsecond
                sec, usec = EPOCH + us // 1000000, us % 1000000
                data = frame if caplen is None else frame[:caplen]
                f.write(struct.pack("<IIII", sec, usec, len(data), len(frame)))
                f.write(data)


ETH_SRC = bytes.fromhex("020000000001")
ETH_DST = bytes.fromhex("020000000002")


def ip_packet(src, dst, proto, l4):
    if ":" in src:
        s, d = socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)
        hdr = struct.pack("!IHBB", 6 << 28, len(l4), proto, 64) + s + d
        return 0x86DD, hdr, s + d + struct.pack("!IxxxB", len(l4), proto)
    s, d = socket.inet_aton(src), socket.inet_aton(dst)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0x4000, 64, proto, 0, s, d)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return 0x0800, hdr, s + d + struct.pack("!BBH", 0, proto, len(l4))


def frame(src, dst, proto, l4_nosum, sum_off):
    etype, iphdr, pseudo = ip_packet(src, dst, proto, l4_nosum)
    c = csum(pseudo + l4_nosum)
    if proto == 17 and c == 0:
        c = 0xFFFF
    l4 = l4_nosum[:sum_off] + struct.pack("!H", c) + l4_nosum[sum_off + 2:]
    return ETH_DST + ETH_SRC + struct.pack("!H", etype) + iphdr + l4


FLAGS = {"F": 0x01, "S": 0x02, "R": 0x04, "P": 0x08, "A": 0x10}


def tcp_frame(src, sport, dst, dport, seq, ack, flags, payload=b"", win=65535):
    fl = 0
    for ch in flags:
        fl |= FLAGS[ch]
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      5 << 4, fl, win, 0, 0)
    return frame(src, dst, 6, hdr + payload, 16)


def udp_frame(src, sport, dst, dport, payload):
    hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    return frame(src, dst, 17, hdr + payload, 6)


class Conn:
    """One TCP connection: keeps the next sequence number of each side."""

    def __init__(self, pcap, client, cport, server, sport, isn_c, isn_s):
        self.p = pcap
        self.ep = {"c": (client, cport), "s": (server, sport)}
        self.nxt = {"c": isn_c, "s": isn_s}

    def seg(self, t, side, flags, payload=b"", seq=None, advance=True, win=65535, ack=None,
            caplen=None):
        other = "s" if side == "c" else "c"
        src, sp = self.ep[side]
        dst, dp = self.ep[other]
        s = self.nxt[side] if seq is None else seq
        a = self.nxt[other] if ack is None else ack
        self.p.add(t, tcp_frame(src, sp, dst, dp, s, a, flags, payload, win), caplen)
        if advance and seq is None:
            self.nxt[side] = (s + len(payload) + ("S" in flags) + ("F" in flags)) & 0xFFFFFFFF
        return s

    def handshake(self, t, rtt_s=0.010, rtt_c=0.002):
        self.seg(t, "c", "S")
        self.seg(t + rtt_s, "s", "SA")
        self.seg(t + rtt_s + rtt_c, "c", "A")
        return t + rtt_s + rtt_c


EPOCH = 1700000000     # 2023-11-14 22:13:20 UTC: added when writing
T0 = 0.0
C, S = "10.0.0.1", "10.0.0.2"

SMTP_C = [b"EHLO client.example\r\n", b"MAIL FROM:<a@example.org>\r\n",
          b"RCPT TO:<b@example.net>\r\n", b"DATA\r\n",
          b"Subject: test\r\n\r\nHello <b>world</b>\r\n.\r\n", b"QUIT\r\n"]
SMTP_S = [b"220 mx.example.net ESMTP\r\n", b"250-mx.example.net\r\n250 PIPELINING\r\n",
          b"250 2.1.0 Ok\r\n", b"250 2.1.5 Ok\r\n", b"354 End data with <CR><LF>.<CR><LF>\r\n",
          b"250 2.0.0 Ok: queued\r\n", b"221 2.0.0 Bye\r\n"]


def scenarios():
    out = {}

    # basic: handshake (server side 10 ms, client side 2 ms), an SMTP dialogue,
    # client closes first; complete, no retransmissions.
    # Client sends 7 packets (SYN, ACK, 6 commands) + FIN = 8... see basic.out
    p = Pcap()
    c = Conn(p, C, 40000, S, 25, 1000, 5000)
    t = c.handshake(T0)
    t += 0.1
    c.seg(t, "s", "PA", SMTP_S[0])
    for i, cmd in enumerate(SMTP_C):
        t += 0.1
        c.seg(t, "c", "PA", cmd)
        t += 0.05
        c.seg(t, "s", "PA", SMTP_S[i + 1])
    t += 0.01
    c.seg(t, "c", "FA")
    t += 0.01
    c.seg(t, "s", "FA")
    t += 0.001
    c.seg(t, "c", "A")
    out["basic"] = p

    # retrans: the server's reply is sent twice (same bytes 0.3 s later) and the
    # client's second segment once more after 0.5 s: 2 retransmissions.
    p = Pcap()
    c = Conn(p, C, 40001, S, 80, 0xFFFFFFF0, 7)   # client ISN: the sequence numbers wrap
    t = c.handshake(T0)
    req = b"GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n"
    t += 0.01
    c.seg(t, "c", "PA", req[:20])
    t += 0.01
    second = c.seg(t, "c", "PA", req[20:])
    t += 0.01
    resp = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    rs = c.seg(t, "s", "PA", resp)
    t += 0.3
    c.seg(t, "s", "PA", resp, seq=rs)
    t += 0.2
    c.seg(t, "c", "PA", req[20:], seq=second)
    t += 0.01
    c.seg(t, "s", "FA")
    t += 0.01
    c.seg(t, "c", "FA")
    t += 0.001
    c.seg(t, "s", "A")
    out["retrans"] = p

    # reorder: the client's segments B then A, 1 ms apart (< 12 ms RTT): one
    # hole, filled out of order; then D before C 0.2 s apart (> RTT): the
    # fill is a retransmission of a segment lost before the capture point.
    # Then E, and G without F: F is never seen: 1 lost segment of 100 bytes.
    # The server resets the connection at the end.
    p = Pcap()
    c = Conn(p, C, 40002, S, 8080, 100, 900)
    t = c.handshake(T0)
    base = c.nxt["c"]
    blk = [bytes([65 + i]) * 100 for i in range(7)]   # A..G, 100 bytes each
    seqs = [base + 100 * i for i in range(7)]
    t += 0.01
    c.seg(t, "c", "PA", blk[1], seq=seqs[1])
    t += 0.001
    c.seg(t, "c", "PA", blk[0], seq=seqs[0])
    t += 0.01
    c.seg(t, "c", "PA", blk[3], seq=seqs[3])
    t += 0.2
    c.seg(t, "c", "PA", blk[2], seq=seqs[2])
    t += 0.01
    c.seg(t, "c", "PA", blk[4], seq=seqs[4])
    t += 0.01
    c.seg(t, "c", "PA", blk[6], seq=seqs[6])
    t += 0.01
    c.seg(t, "s", "RA", ack=seqs[5])
    out["reorder"] = p

    # midstream: capture starts in the middle of a connection between port
    # 51000 and port 443 (the server: lower port), first packet from the server;
    # the client closes with FIN, the server answers with FIN.
    p = Pcap()
    c = Conn(p, C, 51000, S, 443, 123456, 654321)
    t = T0
    c.seg(t, "s", "PA", b"x" * 50)
    t += 0.02
    c.seg(t, "c", "A")
    t += 0.02
    c.seg(t, "c", "PA", b"y" * 30)
    t += 0.02
    c.seg(t, "c", "FA")
    t += 0.02
    c.seg(t, "s", "FA")
    t += 0.001
    c.seg(t, "c", "A")
    out["midstream"] = p

    # states: several conversations in one file.
    #  0 refused: SYN answered by RST-ACK (reset, closed by server RST)
    #  1 half-open: SYN, SYN again 1 s later (a retransmission), no answer
    #  2 open: handshake and data, no close; the server advertises a zero
    #    window twice, then a keep-alive from the client (not a retransmission)
    #  3 IPv6, complete, closed by the server
    #  4 UDP exchange (DNS-like), 2 queries 1 answer
    #  5 same ports as 0 again with a new ISN 30 s later (0 still lingers after its
    #    RST): a new conversation
    p = Pcap()
    c = Conn(p, C, 40010, S, 25, 1, 1)
    c.seg(T0, "c", "S")
    c.seg(T0 + 0.005, "s", "RA", seq=0)
    h = Conn(p, C, 40011, S, 25, 2000, 1)
    h.seg(T0 + 0.1, "c", "S")
    h.seg(T0 + 1.1, "c", "S", seq=2000)
    o = Conn(p, C, 40012, S, 22, 3000, 4000)
    t = o.handshake(T0 + 2.0, rtt_s=0.004, rtt_c=0.001)
    o.seg(t + 0.01, "c", "PA", b"z" * 1000)
    o.seg(t + 0.02, "s", "A", win=0)
    o.seg(t + 0.5, "s", "A", win=0)
    o.seg(t + 1.0, "s", "A", win=8192)
    o.seg(t + 61.0, "c", "A", seq=o.nxt["c"] - 1)
    o.seg(t + 61.001, "s", "A")
    v6 = Conn(p, "2001:db8::1", 40013, "2001:db8::2", 80, 10, 20)
    t = v6.handshake(T0 + 3.0, rtt_s=0.020, rtt_c=0.0005)
    v6.seg(t + 0.01, "c", "PA", b"GET / HTTP/1.0\r\n\r\n")
    v6.seg(t + 0.03, "s", "PA", b"HTTP/1.0 204 No Content\r\n\r\n")
    v6.seg(t + 0.04, "s", "FA")
    v6.seg(t + 0.05, "c", "FA")
    v6.seg(t + 0.06, "s", "A")
    p.add(T0 + 4.0, udp_frame(C, 53000, "10.0.0.53", 53, b"\x12\x34" + b"q" * 30))
    p.add(T0 + 4.5, udp_frame(C, 53000, "10.0.0.53", 53, b"\x12\x34" + b"q" * 30))
    p.add(T0 + 4.51, udp_frame("10.0.0.53", 53, C, 53000, b"\x12\x34" + b"a" * 60))
    c2 = Conn(p, C, 40010, S, 25, 777777, 888888)
    t = c2.handshake(T0 + 30.0, rtt_s=0.001, rtt_c=0.001)
    c2.seg(t + 0.01, "s", "PA", b"220 hi\r\n")
    out["states"] = p

    # truncated: snapshot length 60 cuts a 200-byte payload: reassembly
    # marks the missing bytes, the counts keep the wire lengths.
    p = Pcap()
    c = Conn(p, C, 40020, S, 80, 50, 60)
    t = c.handshake(T0)
    c.seg(t + 0.01, "c", "PA", b"GET /" + b"a" * 195, caplen=14 + 20 + 20 + 10)
    c.seg(t + 0.02, "s", "PA", b"HTTP/1.1 200 OK\r\n\r\n")
    c.seg(t + 0.03, "c", "FA")
    c.seg(t + 0.04, "s", "FA")
    c.seg(t + 0.05, "c", "A")
    out["truncated"] = p

    # hostile: payload bytes that must never become markup or terminal escapes
    p = Pcap()
    c = Conn(p, C, 40030, S, 25, 5, 6)
    t = c.handshake(T0)
    c.seg(t + 0.01, "s", "PA", b"220 <script>alert(1)</script> \x1b[31mred\x1b[0m \xff\xfe\r\n")
    c.seg(t + 0.02, "c", "PA", b"EHLO <img src=x onerror=alert(2)>\r\n")
    c.seg(t + 0.03, "s", "PA", b"250 ok & \"quoted\" 'single'\r\n")
    c.seg(t + 0.04, "c", "FA")
    c.seg(t + 0.05, "s", "FA")
    c.seg(t + 0.06, "c", "A")
    out["hostile"] = p

    # bulk: an HTTP download of 3000 segments of 1000 bytes, an ACK for every
    # second one; segment 1000 is retransmitted 0.2 s later, segment 2000 is
    # never captured (a hole), and the client's window is zero for a moment.
    p = Pcap()
    c = Conn(p, C, 40040, S, 80, 10000, 20000)
    t = c.handshake(T0)
    c.seg(t + 0.001, "c", "PA", b"GET /big HTTP/1.1\r\nHost: example\r\n\r\n")
    t += 0.01
    hdr = b"HTTP/1.1 200 OK\r\nContent-Length: 3000000\r\n\r\n"
    start = c.nxt["s"]
    body = hdr + bytes((i * 7) & 0xFF for i in range(3000000))
    for i in range(3000):
        t += 0.0005
        chunk = body[i * 1000:(i + 1) * 1000]
        if i == 2000:
            c.nxt["s"] = (c.nxt["s"] + len(chunk)) & 0xFFFFFFFF   # lost before the capture
            continue
        c.seg(t, "s", "A", chunk)
        if i % 2:
            c.seg(t + 0.0001, "c", "A", win=0 if i == 1501 else 65535)
        if i == 1000:
            c.seg(t + 0.2, "s", "A", body[1000 * 1000:1001 * 1000], seq=start + 1000 * 1000)
    t += 0.01
    c.seg(t, "s", "PA", body[3000 * 1000:])
    c.seg(t + 0.01, "c", "FA")
    c.seg(t + 0.02, "s", "FA")
    c.seg(t + 0.03, "c", "A")
    out["bulk"] = p
    return out


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name, p in scenarios().items():
        p.write(os.path.join(outdir, name + ".pcap"))


if __name__ == "__main__":
    main()
