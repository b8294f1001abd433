#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `kansoku check -i lo` on sessions this test makes itself on 127.0.0.1: a
# healthy transfer, a SYN to a port nobody listens on (RST to SYN), and a
# receiver that stops reading until the sender hits a zero window. The
# findings must name exactly the refused and the stalled conversation.
set -u
[ "$(id -u)" -eq 0 ] || { echo "live capture needs root (CI runs as root)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
export TZ=UTC LC_ALL=C
read -r p_ok p_closed p_stall < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(3)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')
"$KANSOKU" check -i lo --json --interval 100ms --duration 60s \
	--filter "tcp port $p_ok or tcp port $p_closed or tcp port $p_stall" \
	>"$TMP/findings.json" 2>"$TMP/err" &
pid=$!
for _ in $(seq 50); do grep -q listening "$TMP/err" && break; sleep 0.1; done
grep -q listening "$TMP/err" || { cat "$TMP/err"; kill $pid; echo "capture did not start"; exit 1; }
python3 - "$p_ok" "$p_closed" "$p_stall" <<'PY' || { kill $pid; exit 1; }
import socket, sys, threading, time
p_ok, p_closed, p_stall = map(int, sys.argv[1:])

def listener(port, rcvbuf=None):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind(("127.0.0.1", port))
    s.listen(1)
    return s

def drain(srv, pause):
    c, _ = srv.accept()
    time.sleep(pause)          # a receiver busy elsewhere: its window fills up
    while c.recv(65536):
        pass
    c.close()

def transfer(port, size, rcvbuf=None, pause=0.0):
    srv = listener(port, rcvbuf)
    t = threading.Thread(target=drain, args=(srv, pause))
    t.start()
    cl = socket.create_connection(("127.0.0.1", port))
    cl.sendall(b"x" * size)
    cl.shutdown(socket.SHUT_WR)
    cl.recv(1)
    cl.close()
    t.join()
    srv.close()

transfer(p_ok, 32 * 1024)
try:
    socket.create_connection(("127.0.0.1", p_closed), timeout=2)
    sys.exit("port %d accepted a connection" % p_closed)
except ConnectionRefusedError:
    pass
transfer(p_stall, 1024 * 1024, rcvbuf=4096, pause=1.5)
time.sleep(0.3)
PY
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 0 ] || { echo "kansoku check exited $rc"; cat "$TMP/err"; exit 1; }
# a busy machine can make the kernel drop packets: the findings then show the gaps
if grep -q "dropped by the kernel" "$TMP/err"; then
	cat "$TMP/err"; echo "the capture lost packets (machine too busy): not judged"; exit 77
fi
python3 - "$TMP/findings.json" "$p_ok" "$p_closed" "$p_stall" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
p_ok, p_closed, p_stall = sys.argv[2:]
got = sorted((f["rule"], f["who"].rsplit(":", 1)[-1]) for f in doc["findings"])
want = [("tcp.handshake.refused", p_closed), ("tcp.zero-window", p_stall)]
if got != want:
    sys.exit("findings %s, expected %s" % (got, want))
PY
