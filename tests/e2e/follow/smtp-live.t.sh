#!/usr/bin/env bash
# A real SMTP session on loopback: Debian's aiosmtpd (python3-aiosmtpd) on
# 127.0.0.1 and Python's smtplib as the client, recorded by `kansoku dump -w`
# while `kansoku flows -i lo` watches live. Then flows and follow on the
# recording must show one complete conversation, the dialogue with its
# labels and the mail as sent, byte for byte.
set -u
PY=/usr/bin/python3
[ "$(id -u)" -eq 0 ] || { echo "capturing on lo needs root"; exit 77; }
[ -x "$PY" ] && "$PY" -c 'import aiosmtpd' 2>/dev/null ||
	{ echo "aiosmtpd is missing (scripts/deps test installs python3-aiosmtpd)"; exit 77; }
ip link show lo >/dev/null 2>&1 || { echo "no loopback interface"; exit 77; }
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
"$KANSOKU" dump -i lo -U --immediate-mode -w smtp.pcap "tcp port $port" 2>dump.err & dump=$!; pids+=($dump)
"$KANSOKU" flows -i lo --csv "tcp port $port" >live.csv 2>live.err & live=$!; pids+=($live)
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
sleep 0.5
kill -INT "$dump" "$live"
wait "$dump" "$live" 2>/dev/null
fail=0

# the live table: one complete conversation to the server port
grep -q ",tcp,127.0.0.1,[0-9]*,127.0.0.1,$port,.*,complete,0," live.csv ||
	{ echo "FAIL live flows:"; cat live.csv live.err; fail=1; }
[ "$(grep -c ',tcp,' live.csv)" -eq 1 ] || { echo "FAIL live flows: not one conversation"; fail=1; }

# the recording
"$KANSOKU" flows --json smtp.pcap >flows.json || fail=1
"$PY" - flows.json "$port" <<'PYEOF' || fail=1
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
assert len(rows) == 1, rows
r = rows[0]
assert r["server"]["port"] == int(sys.argv[2]) and r["state"] == "complete", r
assert r["handshake"] and r["rtt_client_ms"] is not None and r["rtt_server_ms"] is not None, r
for d in ("client_to_server", "server_to_client"):
    assert r[d]["lost_segments"] == 0 and r[d]["retransmissions"] == 0, r
print("recorded: %d + %d packets, complete, closed by %s" % (
    r["client_to_server"]["packets"], r["server_to_client"]["packets"], r["closed_by"]))
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
