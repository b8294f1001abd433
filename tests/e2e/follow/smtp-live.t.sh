#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A real SMTP session on loopback: Debian's aiosmtpd (python3-aiosmtpd) on
# 127.0.0.1 and Python's smtplib as the client, recorded by `kansoku dump -w`
# while `kansoku flows -i lo` watches live. Then flows and follow on the
# recording must show one complete conversation, the dialogue with its
# labels and the mail as sent, byte for byte, and the live table must agree
# with the recording packet for packet.
# No fixed sleeps: the captures are stopped once the kernel has closed the
# connection (every packet of it has then passed the capture point), with
# buffers large enough that a loaded machine cannot make the kernel drop
# packets (and a drop would be reported, not mistaken for a loss).
set -u
PY=/usr/bin/python3
[ "$(id -u)" -eq 0 ] || { echo "capturing on lo needs root"; exit 77; }
[ -x "$PY" ] && "$PY" -c 'import aiosmtpd' 2>/dev/null ||
	{ echo "aiosmtpd is missing (scripts/deps test installs python3-aiosmtpd)"; exit 77; }
[ -e /sys/class/net/lo ] || { echo "no loopback interface"; exit 77; }
cd "$TMP" || exit 1
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

port="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

cat >server.py <<PYEOF
import asyncio, sys
from aiosmtpd.controller import Controller
class Keep:
    async def handle_DATA(self, server, session, envelope):
        open("received.eml", "wb").write(envelope.original_content)
        return "250 2.0.0 Ok: kept"
c = Controller(Keep(), hostname="127.0.0.1", port=$port, server_hostname="kansoku.test")
c.start()
open("server.ready", "w").close()
import time
while True:
    time.sleep(1)
PYEOF
"$PY" server.py 2>server.err & pids+=($!)
for _ in $(seq 100); do [ -e server.ready ] && break; sleep 0.1; done
[ -e server.ready ] || { echo "aiosmtpd did not start"; cat server.err; exit 1; }
# the captures start after the server, whose start-up check connects to itself
# On lo every packet passes the capture twice (out and in), each copy in a ring
# frame of up to 64 KiB: libpcap's default 2 MiB holds a few dozen, which a
# descheduled capture process overruns. 32 MiB holds this whole session.
"$KANSOKU" dump -i lo -B 32768 -U --immediate-mode -w smtp.pcap "tcp port $port" 2>dump.err & dump=$!; pids+=($dump)
"$KANSOKU" flows -i lo -B 32768 --csv "tcp port $port" >live.csv 2>live.err & live=$!; pids+=($live)
for _ in $(seq 100); do
	grep -q listening dump.err && grep -q listening live.err && break
	sleep 0.1
done
grep -q listening dump.err && grep -q listening live.err || { echo "captures did not start"; cat dump.err live.err; exit 1; }
"$PY" - "$port" <<'PYEOF' || { echo "smtplib session failed"; exit 1; }
import smtplib, sys
body = "Subject: flows test\r\n\r\nHello from kansoku's loopback test.\r\n" + "line %d\r\n" * 0
body += "".join("line %04d of a longer message to need several segments\r\n" % i for i in range(400))
open("sent.txt", "w").write(body)
with smtplib.SMTP("127.0.0.1", int(sys.argv[1])) as s:
    s.ehlo("client.kansoku.test")
    s.sendmail("alice@kansoku.test", ["bob@kansoku.test", "carol@kansoku.test"], body)
PYEOF
# the session is over on the wire once no socket of it is left but the one in
# TIME-WAIT (whose final ACK was the last packet) and the listener
hexport=$(printf ':%04X' "$port")
open_sockets() {
	awk -v p="$hexport" 'NR > 1 && (substr($2, length($2) - 4) == p || substr($3, length($3) - 4) == p) &&
		$4 != "06" && $4 != "0A"' /proc/net/tcp | wc -l
}
for _ in $(seq 100); do [ "$(open_sockets)" -eq 0 ] && break; sleep 0.1; done
[ "$(open_sockets)" -eq 0 ] || { echo "the SMTP connection did not close"; cat /proc/net/tcp; exit 1; }
# SIGINT: each capture still reads what the kernel already captured, then ends
kill -INT "$dump" "$live"
wait "$dump"; rc_dump=$?
wait "$live"; rc_live=$?
fail=0
[ $rc_dump -eq 0 ] && [ $rc_live -eq 0 ] || { echo "FAIL: dump exited $rc_dump, flows $rc_live"; fail=1; }
grep -qx "0 packets dropped by kernel" dump.err || { echo "FAIL dump: packets dropped:"; cat dump.err; fail=1; }
grep -q "dropped" live.err && { echo "FAIL live flows: packets dropped:"; cat live.err; fail=1; }

# the live table: one complete conversation to the server port
grep -q ",tcp,127.0.0.1,[0-9]*,127.0.0.1,$port,.*,complete,0," live.csv ||
	{ echo "FAIL live flows:"; cat live.csv live.err; fail=1; }
[ "$(grep -c ',tcp,' live.csv)" -eq 1 ] || { echo "FAIL live flows: not one conversation"; fail=1; }

# the recording; retransmissions are counted on the raw segments independently:
# loopback loses nothing, but a loaded machine can delay an ACK past TCP's
# tail-loss probe, and the kernel then really sends a segment twice
"$KANSOKU" flows --json smtp.pcap >flows.json || fail=1
"$PY" - flows.json "$port" smtp.pcap live.csv <<'PYEOF' || fail=1
import csv, json, struct, sys
rows = json.load(open(sys.argv[1]))["rows"]
port = int(sys.argv[2])
assert len(rows) == 1, rows
r = rows[0]
assert r["server"]["port"] == port and r["state"] == "complete", r
assert r["handshake"] and r["rtt_client_ms"] is not None and r["rtt_server_ms"] is not None, r

# the pcap file by hand: Ethernet, IPv4, TCP
data = open(sys.argv[3], "rb").read()
magic = struct.unpack("<I", data[:4])[0]
assert magic in (0xA1B2C3D4, 0xA1B23C4D) and struct.unpack("<I", data[20:24])[0] == 1, "not an Ethernet pcap"
off, segs = 24, []
while off + 16 <= len(data):
    incl = struct.unpack("<I", data[off + 8:off + 12])[0]
    pkt, off = data[off + 16:off + 16 + incl], off + 16 + incl
    if pkt[12:14] != b"\x08\x00" or pkt[23] != 6:
        continue
    ip = pkt[14:]
    ihl, total = (ip[0] & 15) * 4, struct.unpack(">H", ip[2:4])[0]
    tcp = ip[ihl:]
    sport, dport, seq = struct.unpack(">HHI", tcp[:8])
    doff, flags = (tcp[12] >> 4) * 4, tcp[13]
    # sequence space: payload, and SYN and FIN one each
    segs.append((sport == port, seq, total - ihl - doff + (flags & 2 != 0) + (flags & 1 != 0), total - ihl - doff))
retrans, top = {False: 0, True: 0}, {}
for d, seq, n, payload in segs:
    if d not in top:
        top[d] = seq            # the first segment of a direction starts its space
    rel = (seq - top[d]) % 2**32
    keepalive = payload <= 1 and n == payload and rel == 2**32 - 1
    if n and rel >= 2**31 and not keepalive:
        retrans[d] += 1         # starts below the highest byte seen: sent before
    if n and (rel + n) % 2**32 < 2**31:
        top[d] = (seq + n) % 2**32
for d, name in ((False, "client_to_server"), (True, "server_to_client")):
    assert r[name]["lost_segments"] == 0 and r[name]["holes"] == 0, r
    assert r[name]["retransmissions"] == retrans[d], (name, retrans[d], r)

# the live table saw exactly what was recorded
live = [l for l in csv.DictReader(open(sys.argv[4])) if l["proto"] == "tcp"]
assert len(live) == 1, live
for k, d in (("c2s", "client_to_server"), ("s2c", "server_to_client")):
    for f in ("packets", "bytes", "payload_bytes", "retransmissions", "lost_segments"):
        assert int(live[0]["%s_%s" % (k, f)]) == r[d][f], ("live vs recorded", k, f, live[0], r)
print("recorded: %d + %d packets (%d + %d retransmitted), complete, closed by %s; live table the same" % (
    r["client_to_server"]["packets"], r["server_to_client"]["packets"], retrans[False], retrans[True],
    r["closed_by"]))
PYEOF
"$KANSOKU" follow smtp.pcap >follow.txt || fail=1
for want in "| SMTP 220" "| SMTP EHLO" "| SMTP MAIL" "| SMTP RCPT" "| SMTP DATA" "| SMTP 354" \
	"SMTP message" "SMTP end of message" "| SMTP QUIT" "| SMTP 221" "250 2.0.0 Ok: kept"; do
	grep -qF -- "$want" follow.txt || { echo "FAIL follow: no '$want'"; fail=1; }
done
[ "$(grep -c '| SMTP RCPT' follow.txt)" -eq 2 ] || { echo "FAIL follow: two RCPT expected"; fail=1; }
grep -q '^!!' follow.txt && { echo "FAIL follow: a gap in a loopback capture"; fail=1; }
# the message as the server received it is in the client's stream, in order
"$KANSOKU" follow --hex smtp.pcap >follow.hex || fail=1
"$PY" - follow.hex received.eml <<'PYEOF' || fail=1
import re, sys
client, d = bytearray(), None
for line in open(sys.argv[1], encoding="latin-1"):
    m = re.match(r"(->|<-) ", line)
    if m:
        d = m.group(1)
    m = re.match(r"\t0x[0-9a-f]+:  ((?:[0-9a-f]{2,4} ?)+)", line)
    if m and d == "->":
        client += bytes.fromhex(m.group(1).replace(" ", ""))
got = open(sys.argv[2], "rb").read()
# SMTP transparency (RFC 5321 4.5.2): the client doubles a leading dot
wire = b"\r\n".join(b"." + l if l.startswith(b".") else l for l in got.split(b"\r\n"))
if wire not in bytes(client):
    print("FAIL: the received message is not in the reassembled client stream")
    sys.exit(1)
print("message of %d bytes found in the %d-byte client stream" % (len(got), len(client)))
PYEOF
exit $fail
