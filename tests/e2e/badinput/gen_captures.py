#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes damaged capture files for the bad-input catalogue (stdlib only).

usage: gen_captures.py DIR

Every packet is one TCP SYN from 192.0.2.1:40000 to 192.0.2.2:25 on
Ethernet, so that a file that is read at all shows one conversation.
"""
import os
import struct
import sys

IP = bytes.fromhex("450000280001400040060000c0000201c0000202")
TCP = struct.pack("!HHIIBBHHH", 40000, 25, 1000, 0, 5 << 4, 0x02, 65535, 0, 0)
PKT = bytes.fromhex("020000000002" "020000000001" "0800") + IP + TCP   # 54 bytes


def ghdr(snap=65535, dlt=1):
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snap, dlt)


def rec(data, ts=1700000000, caplen=None, wire=None):
    return struct.pack("<IIII", ts, 0, len(data) if caplen is None else caplen,
                       len(data) if wire is None else wire) + data


def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


SHB = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
IDB = block(1, struct.pack("<HHI", 1, 0, 65535))


def epb(data, ts_us=1700000000 * 1000000):
    return block(6, struct.pack("<IIIII", 0, ts_us >> 32, ts_us & 0xFFFFFFFF, len(data), len(data)) + data)


def main():
    d = sys.argv[1]
    files = {
        "empty.pcap": b"",
        "garbage.pcap": bytes((i * 131 + 7) % 256 for i in range(3000)),
        "header-cut.pcap": ghdr()[:10],
        "header-only.pcap": ghdr(),
        "record-header-cut.pcap": ghdr() + rec(PKT) + rec(PKT, ts=1700000001)[:9],
        "record-data-cut.pcap": ghdr() + rec(PKT) + rec(PKT, ts=1700000001)[:30],
        "caplen-over-snaplen.pcap": ghdr(snap=40) + rec(PKT),
        "caplen-huge.pcap": ghdr() + rec(PKT) + struct.pack("<IIII", 1700000001, 0, 0x7FFFFFFF, 0x7FFFFFFF) + PKT,
        "len-under-caplen.pcap": ghdr() + rec(PKT) + rec(PKT, ts=1700000001, wire=20)
        + rec(PKT, ts=1700000002),
        "unknown-linktype.pcap": ghdr(dlt=147) + rec(PKT),
        "unknown-blocks.pcapng": SHB + block(0x0BAD, b"an unknown block") + IDB + epb(PKT)
        + block(0x40000BAD, b"a custom block") + epb(PKT, 1700000001 * 1000000),
        "block-cut.pcapng": SHB + IDB + epb(PKT) + epb(PKT)[:30],
        "block-length-bad.pcapng": SHB + IDB + epb(PKT)[:8] + b"\xff\xff\xff\x7f" * 3,
        "packet-before-interface.pcapng": SHB + epb(PKT),
    }
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
