#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Hostile and scripted TLS peers for the dns tests, on 127.0.0.1 only.

    tls-peer.py MODE PORTFILE CERT KEY [TARGET_PORT]

Listens on an ephemeral port (written to PORTFILE) and serves every connection by MODE:
  stall      accepts and reads the ClientHello, then never answers (a handshake that stalls)
  garbage    answers the ClientHello with bytes that are no TLS
  close      completes the TLS handshake, then closes at once
  noalpn     completes the TLS handshake without agreeing to any ALPN protocol, then waits
  h2garbage  completes the handshake with ALPN h2, then sends bytes that are no HTTP/2
  relay      DNS over TLS in front of a plain DNS server: each TLS connection is relayed
             to 127.0.0.1:TARGET_PORT over TCP (the scripted responder's delays, losses
             and junk then reach the client over TLS)
It exits by itself after 60 seconds, so a forgotten peer never outlives its test.
"""
import os
import select
import socket
import ssl
import sys
import threading
import time

mode, portfile, cert, key = sys.argv[1:5]
target = int(sys.argv[5]) if len(sys.argv) > 5 else 0

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
if mode == "h2garbage":
    ctx.set_alpn_protocols(["h2"])
elif mode == "relay":
    ctx.set_alpn_protocols(["dot"])

lsock = socket.socket()
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lsock.bind(("127.0.0.1", 0))
lsock.listen(16)
with open(portfile + ".tmp", "w") as f:
    f.write(str(lsock.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)


def relay(tls):
    up = socket.create_connection(("127.0.0.1", target))
    up.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while True:
            if not tls.pending():
                r, _, _ = select.select([tls, up], [], [], 30)
                if not r:
                    return
            else:
                r = [tls]
            if tls in r:
                data = tls.recv(65536)
                if not data:
                    return
                up.sendall(data)
            if up in r:
                data = up.recv(65536)
                if not data:
                    return
                tls.sendall(data)
    except (OSError, ssl.SSLError):
        return
    finally:
        up.close()


def serve(conn):
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        if mode == "stall":
            conn.recv(4096)
            time.sleep(60)
            return
        if mode == "garbage":
            conn.recv(4096)
            conn.sendall(b"HTTP/1.0 400 this is no TLS\r\n\r\n" + bytes(range(256)))
            time.sleep(1)
            return
        tls = ctx.wrap_socket(conn, server_side=True)
        if mode == "close":
            tls.close()
            return
        if mode == "noalpn":
            time.sleep(60)
            return
        if mode == "h2garbage":
            tls.sendall(b"\x00\x00\x12\x99garbage, not an HTTP/2 frame at all\r\n" * 4)
            time.sleep(5)
            return
        if mode == "relay":
            relay(tls)
    except (OSError, ssl.SSLError):
        pass
    finally:
        conn.close()


lsock.settimeout(1)
deadline = time.time() + 60
while time.time() < deadline:
    try:
        c, _ = lsock.accept()
    except socket.timeout:
        continue
    threading.Thread(target=serve, args=(c,), daemon=True).start()
