#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Live capture on lo: `kansoku dump -w` records a TCP exchange this test makes
# on 127.0.0.1, stops cleanly on SIGINT with the statistics lines, and
# tcpdump and `kansoku dump` print the same text for the file.
set -u
[ "$(id -u)" -eq 0 ] || { echo "live capture needs root (CI runs as root)"; exit 77; }
command -v tcpdump >/dev/null || { echo "tcpdump is not installed (scripts/deps test)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
export TZ=UTC LC_ALL=C
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSOKU" dump -i lo -U -w "$TMP/live.pcap" "tcp port $port" 2>"$TMP/err" &
pid=$!
for _ in $(seq 50); do grep -q listening "$TMP/err" && break; sleep 0.1; done
grep -q listening "$TMP/err" || { cat "$TMP/err"; kill $pid; echo "capture did not start"; exit 1; }
python3 - "$port" <<'PY'
import socket, sys, threading
port = int(sys.argv[1])
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port)); srv.listen(1)
def serve():
    c, _ = srv.accept()
    c.sendall(b"220 kansoku test ESMTP\r\n")
    data = c.recv(100)
    c.sendall(b"250 hello " + data.strip() + b"\r\n")
    c.recv(100)
    c.sendall(b"221 bye\r\n")
    c.close()
t = threading.Thread(target=serve); t.start()
cl = socket.create_connection(("127.0.0.1", port))
cl.recv(100); cl.sendall(b"EHLO test\r\n"); cl.recv(100); cl.sendall(b"QUIT\r\n"); cl.recv(100)
cl.close(); t.join(); srv.close()
PY
# the exchange is over on the wire once no socket of it is left but the one in
# TIME-WAIT (whose final ACK was the last packet); SIGINT then still writes what
# the kernel captured
hexport=$(printf ':%04X' "$port")
open_sockets() {
	awk -v p="$hexport" 'NR > 1 && (substr($2, length($2) - 4) == p || substr($3, length($3) - 4) == p) &&
		$4 != "06"' /proc/net/tcp | wc -l
}
for _ in $(seq 100); do [ "$(open_sockets)" -eq 0 ] && break; sleep 0.1; done
[ "$(open_sockets)" -eq 0 ] || { kill $pid; echo "the test connection did not close"; exit 1; }
kill -INT $pid
wait $pid; rc=$?
[ $rc -eq 0 ] || { cat "$TMP/err"; echo "dump exited $rc after SIGINT"; exit 1; }
grep -Eq '^[0-9]+ packets? captured$' "$TMP/err" || { cat "$TMP/err"; echo "no 'captured' line"; exit 1; }
grep -Eq 'received by filter$' "$TMP/err" || { echo "no 'received by filter' line"; exit 1; }
grep -Eq 'dropped by kernel$' "$TMP/err" || { echo "no 'dropped by kernel' line"; exit 1; }
grep -qx '0 packets dropped by kernel' "$TMP/err" || { cat "$TMP/err"; echo "packets were dropped"; exit 1; }
n=$(tcpdump -n -r "$TMP/live.pcap" 2>/dev/null | wc -l)
[ "$n" -ge 10 ] || { echo "only $n packets in the capture"; exit 1; }
grep -qx "$n packets\? captured" "$TMP/err" || { cat "$TMP/err"; echo "the file does not hold the $n packets counted"; exit 1; }
for o in "-n" "-nn -v" "-n -e" "-n -X" "-n -A -tttt" "-n -S -vv"; do
	# shellcheck disable=SC2086
	tcpdump $o -r "$TMP/live.pcap" >"$TMP/want" 2>/dev/null
	# shellcheck disable=SC2086
	"$KANSOKU" dump $o -r "$TMP/live.pcap" >"$TMP/got" 2>/dev/null
	cmp -s "$TMP/want" "$TMP/got" || { echo "differs with $o"; diff "$TMP/want" "$TMP/got" | head; exit 1; }
done
echo "$n packets captured on lo; tcpdump and kansoku print the same"
