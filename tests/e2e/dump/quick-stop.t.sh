#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Ctrl-C right after the traffic: packets the kernel already captured (still
# in libpcap's unfinished buffer block) must all reach the -w file.
set -u
[ "$(id -u)" -eq 0 ] || { echo "live capture needs root (CI runs as root)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
export TZ=UTC LC_ALL=C
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSOKU" dump -i lo -w "$TMP/q.pcap" "udp dst port $port" 2>"$TMP/err" &
pid=$!
for _ in $(seq 50); do grep -q listening "$TMP/err" && break; sleep 0.1; done
grep -q listening "$TMP/err" || { cat "$TMP/err"; kill $pid; echo "capture did not start"; exit 1; }
python3 -c "
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(25): s.sendto(b'datagram %d' % i, ('127.0.0.1', int(sys.argv[1])))
" "$port"
kill -INT $pid
wait $pid; rc=$?
[ $rc -eq 0 ] || { cat "$TMP/err"; echo "dump exited $rc after SIGINT"; exit 1; }
grep -qx '25 packets captured' "$TMP/err" || { cat "$TMP/err"; echo "expected '25 packets captured'"; exit 1; }
n=$("$KANSOKU" dump -nn -r "$TMP/q.pcap" 2>/dev/null | wc -l)
[ "$n" -eq 25 ] || { echo "only $n of 25 packets in the file"; exit 1; }
echo "all 25 packets kept after an immediate Ctrl-C"
