#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Response times on loopback sessions this test records itself: its own
# servers on 127.0.0.1 (servers.py: a healthy SMTP server, one slow to
# answer RCPT and DATA, a DNS responder that leaves some queries unanswered
# and answers another only when asked twice, an HTTP server with a slow
# path) and its own clients (clients.py), which time every request with
# their own clock. `kansoku dump -i lo -w` records; then `kansoku
# exchanges` on the recording must find every exchange, each response time
# within 1 ms of the client's, the slow ones slow, and name exactly the
# unanswered queries. `kansoku check` on the recording must name exactly
# the slow server's slow commands, the slow HTTP server, the DNS server
# (unanswered queries; the query answered only when sent again is slow)
# and nothing else, each peak within 1 ms of the client's clock. With
# tshark installed, its times on the same recording must agree too
# (tshark_oracle.py).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
SLOW=1.2
[ "$(id -u)" -eq 0 ] || { echo "capturing on lo needs root"; exit 77; }
[ -x "$PY" ] || { echo "python3 is missing"; exit 77; }
[ -e /sys/class/net/lo ] || { echo "no loopback interface"; exit 77; }
cd "$TMP" || exit 1
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

read -r p1 p2 p3 p4 < <("$PY" -c '
import socket
ss = [socket.socket() for _ in range(3)] + [socket.socket(socket.AF_INET, socket.SOCK_DGRAM)]
for s in ss: s.bind(("127.0.0.1", 0))
print(ss[0].getsockname()[1], ss[1].getsockname()[1], ss[3].getsockname()[1], ss[2].getsockname()[1])')
"$PY" "$HERE/servers.py" "$p1" "$p2" "$p3" "$p4" "$SLOW" servers.ready 2>servers.err & pids+=($!)
for _ in $(seq 100); do [ -e servers.ready ] && break; sleep 0.1; done
[ -e servers.ready ] || { echo "the servers did not start"; cat servers.err; exit 1; }
filter="host 127.0.0.1 and (port $p1 or port $p2 or port $p3 or port $p4)"
"$KANSOKU" dump -i lo -B 32768 -U --immediate-mode -w live.pcap "$filter" 2>dump.err & dump=$!; pids+=($dump)
for _ in $(seq 100); do grep -q listening dump.err && break; sleep 0.1; done
grep -q listening dump.err || { echo "the capture did not start"; cat dump.err; exit 1; }
"$PY" "$HERE/clients.py" "$p1" "$p2" "$p3" "$p4" measured.json || { echo "the clients failed"; cat servers.err; exit 1; }
# every TCP connection closed (so all its packets passed the capture point)
open_sockets() {
	local p n=0
	for p in "$p1" "$p2" "$p4"; do
		n=$((n + $(awk -v p="$(printf ':%04X' "$p")" 'NR > 1 && (substr($2, length($2) - 4) == p ||
			substr($3, length($3) - 4) == p) && $4 != "06" && $4 != "0A"' /proc/net/tcp | wc -l)))
	done
	echo $n
}
for _ in $(seq 100); do [ "$(open_sockets)" -eq 0 ] && break; sleep 0.1; done
kill -INT "$dump"; wait "$dump"; rc=$?
[ $rc -eq 0 ] || { echo "FAIL: dump exited $rc"; cat dump.err; exit 1; }
grep -qx "0 packets dropped by kernel" dump.err || { echo "FAIL: packets dropped"; cat dump.err; exit 1; }

fail=0
"$KANSOKU" exchanges --json live.pcap >ours.json 2>ours.err || { echo "FAIL: kansoku exchanges"; cat ours.err; exit 1; }
"$PY" - measured.json ours.json "$p2" "$SLOW" <<'PYEOF' || fail=1
import json, sys
measured = json.load(open(sys.argv[1]))
ours = json.load(open(sys.argv[2]))["exchanges"]
slow_port, slow = int(sys.argv[3]), float(sys.argv[4]) * 1000

def key(proto, port, kind):
    return (proto, port, kind)

def ours_kind(e):
    if e["protocol"] == "SMTP":
        return e["kind"]
    return e["verb"]

bad = 0
pool = {}
for e in ours:
    pool.setdefault(key(e["protocol"], int(e["server"].rsplit(":", 1)[1]), ours_kind(e)), []).append(e)
worst = 0.0
late = []
for m in measured:
    k = key(m["proto"], m["port"], m["kind"])
    cands = pool.get(k, [])
    if m["proto"] == "DNS":
        cands = [e for e in cands if e["detail"] == m["name"] and e["id"] == m["id"]]
    if not cands:
        print("FAIL: not found:", m); bad += 1; continue
    e = cands[0]
    pool[k].remove(e)
    if m["ms"] is None:
        if not e["unanswered"] or e["ms"] is not None:
            print("FAIL: should be unanswered:", m, e); bad += 1
        continue
    if e["ms"] is None or e["code"] != m["code"]:
        print("FAIL: answer differs:", m, e); bad += 1; continue
    if m["proto"] == "DNS" and e["duplicates"] != m["duplicates"]:
        print("FAIL: duplicates differ:", m, e); bad += 1
    # the client's clock brackets the time: [ms_min, ms]
    d = max(m["ms_min"] - e["ms"], e["ms"] - m["ms"], 0.0)
    if e["ms"] < m["ms_min"] - 1.0:
        # the client saw the answer later than the capture did: its receive
        # stamp came late (seen only on a heavily loaded machine). Not a
        # bound then; the capture's own times are compared with tshark's
        # below, to the microsecond.
        late.append("%s %s: ours %.3f ms, the client %.3f to %.3f ms" % (
            k, m.get("name", ""), e["ms"], m["ms_min"], m["ms"]))
        d = 0.0
    worst = max(worst, d)
    if d > 1.0:
        print("FAIL: %s %s: ours %.3f ms, the client measured %.3f to %.3f ms" % (
            k, m.get("name", ""), e["ms"], m["ms_min"], m["ms"]))
        bad += 1
    is_slow = (m["port"] == slow_port and m["kind"] in ("RCPT", "DATA")) or m.get("path") == "/slow"
    if is_slow != (e["ms"] >= slow):
        print("FAIL: slow should be %s:" % is_slow, e); bad += 1
left = [e for v in pool.values() for e in v]
if left:
    print("FAIL: exchanges the clients did not make:", left); bad += 1
unanswered = sorted(e["detail"] for e in ours if e["unanswered"])
if unanswered != ["drop-1.kansoku.test.", "drop-2.kansoku.test."]:
    print("FAIL: unanswered:", unanswered); bad += 1
print("%d exchanges, each within %.3f ms of the client's clock; unanswered: %s" % (
    len(measured) - len(late), worst, ", ".join(unanswered)))
for l in late:
    print("note: the client's receive stamp came late:", l)
sys.exit(1 if bad else 0)
PYEOF
# the summary names the slow server and command kinds
"$KANSOKU" exchanges --summary --csv live.pcap >summary.csv || fail=1
"$PY" - summary.csv "$p2" "$SLOW" <<'PYEOF' || fail=1
import csv, sys
port, slow = sys.argv[2], float(sys.argv[3]) * 1000
rows = list(csv.DictReader(open(sys.argv[1])))
over = sorted((r["server"], r["request"]) for r in rows if r["max_ms"] and float(r["max_ms"]) >= slow)
want = sorted([("127.0.0.1:" + port, "DATA"), ("127.0.0.1:" + port, "RCPT")] +
              [(r["server"], "GET") for r in rows if r["protocol"] == "HTTP" and r["request"] == "GET"][:1])
if over != want:
    print("FAIL: slow groups", over, "expected", want)
    sys.exit(1)
dns = [r for r in rows if r["protocol"] == "DNS"]
if sum(int(r["unanswered"]) for r in dns) != 2 or sum(int(r["duplicates"]) for r in dns) != 1:
    print("FAIL: DNS summary", dns)
    sys.exit(1)
PYEOF
# check: the findings name the slow server and command kinds, the unanswered queries, nothing more
"$KANSOKU" check --json live.pcap >check.json 2>check.err
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: kansoku check exited $rc"; cat check.err; fail=1; }
"$KANSOKU" export -f csv live.pcap "dns/*/unanswered" >unanswered.csv || fail=1
"$PY" - check.json measured.json unanswered.csv "$p2" "$p3" "$p4" <<'PYEOF' || fail=1
import csv, json, sys
findings = json.load(open(sys.argv[1]))["findings"]
measured = json.load(open(sys.argv[2]))
slow_smtp, dns, http = ("127.0.0.1:" + p for p in sys.argv[4:7])
got = {(f["rule"], f["who"]): f for f in findings}

def worst(pick):
    ms = [m for m in measured if pick(m) and m["ms"] is not None]
    return max(ms, key=lambda m: m["ms"])

want = {
    ("smtp.reply.slow", slow_smtp + " RCPT"): worst(lambda m: m["proto"] == "SMTP" and m["kind"] == "RCPT" and "127.0.0.1:%d" % m["port"] == slow_smtp),
    ("smtp.reply.slow", slow_smtp + " DATA"): worst(lambda m: m["proto"] == "SMTP" and m["kind"] == "DATA" and "127.0.0.1:%d" % m["port"] == slow_smtp),
    ("http.response.slow", http): worst(lambda m: m["proto"] == "HTTP"),
    ("dns.response.slow", dns): worst(lambda m: m["proto"] == "DNS"),
    ("dns.unanswered", dns): None,
}
bad = 0
if set(got) != set(want):
    print("FAIL: check findings", sorted(got), "expected", sorted(want)); bad += 1
for k, m in want.items():
    f = got.get(k)
    if not f or m is None:
        continue
    # below the client's bracket only when its receive stamp came late (see above)
    if f["peak"] > m["ms"] + 1.0:
        print("FAIL: %s peak %.3f ms, the client measured %.3f to %.3f ms" % (k, f["peak"], m["ms_min"], m["ms"]))
        bad += 1
rows = list(csv.reader(open(sys.argv[3])))
total = sum(float(r[1]) for r in rows[1:] if r[1])
if total != 2:
    print("FAIL: dns unanswered per interval add up to", total, rows); bad += 1
print("check: %d findings: %s" % (len(findings), "; ".join("%s %s" % k for k in sorted(got))))
sys.exit(1 if bad else 0)
PYEOF
if command -v tshark >/dev/null; then
	"$PY" "$HERE/tshark_oracle.py" live.pcap ours.json --smtp-port "$p1" --smtp-port "$p2" || { echo "FAIL: tshark disagrees"; fail=1; }
else
	echo "note: tshark is missing: not compared"
fi
exit $fail
