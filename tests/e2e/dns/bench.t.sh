# SPDX-License-Identifier: MIT
# dns bench against two scripted responders (127.0.0.1, and ::1 when the host has it):
# every count is exact, every percentile is recomputed from the raw samples with
# Python's statistics module, every answer time is at least the scripted delay, the
# order is round-robin, the warm-up round is left out, and the responders saw exactly
# the queries kansoku says it sent.
set -eu
. "$(dirname "$0")/responder.sh"

RULES=(
	"d20.test=20ms"
	"mix.test=0ms,10ms,20ms,30ms,40ms,50ms,60ms,70ms,80ms,drop"
	"nx.test=nxdomain"
	"sf.test=servfail+1ms"
	"rf.test=refused"
	"spoof.test=wrongid+wrongq+garbage+wrongsrc+dup+2ms"
	"lossy.test=0ms,drop"
)
start_responder A 127.0.0.1 "${RULES[@]}"
SECOND="127.0.0.1"
if start_responder B ::1 "${RULES[@]}" 2>/dev/null; then
	SECOND="[::1]:$B_PORT"
else
	echo "note: no ::1 on this host, second responder on 127.0.0.1"
	start_responder B 127.0.0.1 "${RULES[@]}"
	SECOND="127.0.0.1:$B_PORT"
fi

names=""
for r in "${RULES[@]}"; do names="$names -q ${r%%=*}"; done
# shellcheck disable=SC2086
"$KANSOKU" dns bench @127.0.0.1:$A_PORT "@$SECOND" $names -n 10 --warmup 1 -i 0 -c 8 \
	--timeout 250ms --operator "$SECOND=second" --json >"$TMP/bench.json"
stop_responders

python3 - "$TMP/bench.json" "$TMP/A.log" "$TMP/B.log" "127.0.0.1:$A_PORT" "$SECOND" <<'EOF'
import json, math, statistics, sys
d = json.load(open(sys.argv[1]))
logs = {sys.argv[4]: open(sys.argv[2]).read().split("\n"),
        sys.argv[5]: open(sys.argv[3]).read().split("\n")}
servers = [sys.argv[4], sys.argv[5]]
names = ["d20.test", "mix.test", "nx.test", "sf.test", "rf.test", "spoof.test", "lossy.test"]
mix = [0, 10, 20, 30, 40, 50, 60, 70, 80, None]   # None: dropped
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)

samples = d["samples"]
P = len(names) * len(servers)
check(len(samples) == 11 * P, "samples: %d" % len(samples))
# round-robin: pairs ordered name by name, servers within a name, one further each round
pairs = [(n, s) for n in names for s in servers]
for i, s in enumerate(samples):
    r = i // P
    want = pairs[((i % P) + r) % P]
    check((s["name"], s["server"]) == want, "order at %d: %s" % (i, (s["name"], s["server"])))
    check(s["round"] == r, "round at %d" % i)
    check(s["warmup"] == (r == 0), "warmup flag at %d" % i)
    check(s["qname"] == s["name"], "qname")

def scripted(name, r):
    """(delay ms or None when dropped, rcode) of the query in round r (the r-th for that pair)."""
    if name == "mix.test":
        return mix[r % 10], "NOERROR"
    if name == "lossy.test":
        return (0 if r % 2 == 0 else None), "NOERROR"
    return {"d20.test": (20, "NOERROR"), "nx.test": (0, "NXDOMAIN"), "sf.test": (1, "SERVFAIL"),
            "rf.test": (0, "REFUSED"), "spoof.test": (2, "NOERROR")}[name]

for s in samples:
    delay, rcode = scripted(s["name"], s["round"])
    if delay is None:
        check(s["status"] == "timeout" and s["rtt_ms"] is None, "dropped query answered: %s" % s)
    else:
        check(s["status"] == "answered" and s["rcode"] == rcode, "wrong outcome: %s" % s)
        # physical lower bound: nothing can answer before its scripted delay
        check(s["rtt_ms"] is not None and s["rtt_ms"] >= delay, "faster than scripted: %s" % s)
    check(s["transport"] == "udp", "transport")

def pct(v, q):
    return statistics.quantiles(v, n=100, method="inclusive")[q - 1] if len(v) > 1 else v[0]

for p in d["pairs"]:
    mine = [s for s in samples if s["name"] == p["name"] and s["server"] == p["server"] and not s["warmup"]]
    ok = [s["rtt_ms"] for s in mine if s["status"] == "answered"]
    lost = sum(1 for s in mine if s["status"] == "timeout")
    exp_lost = sum(1 for r in range(1, 11) if scripted(p["name"], r)[0] is None)
    check(p["sent"] == 10, "%s sent %d" % (p["name"], p["sent"]))
    check(p["timeout"] == exp_lost == lost, "%s lost %d, expected %d" % (p["name"], p["timeout"], exp_lost))
    check(p["answered"] == 10 - exp_lost, "%s answered" % p["name"])
    rc = scripted(p["name"], 1)[1]
    check(p["rcodes"][rc] == 10 - exp_lost, "%s rcode %s: %s" % (p["name"], rc, p["rcodes"]))
    check(sum(p["rcodes"].values()) == p["answered"], "rcode sum")
    L = p["latency_ms"]
    check(L["n"] == len(ok), "n")
    ref = {"min": min(ok), "max": max(ok), "mean": statistics.fmean(ok),
           "stddev": statistics.stdev(ok), "p50": pct(ok, 50), "p90": pct(ok, 90),
           "p95": pct(ok, 95), "p99": pct(ok, 99)}
    for k, v in ref.items():
        check(abs(L[k] - v) <= 2e-6 + 1e-9 * abs(v), "%s %s: %r vs python %r" % (p["name"], k, L[k], v))
    for k in ("p50", "p90", "p95", "p99"):
        # the scripted delays bound every percentile from below
        delays = sorted(scripted(p["name"], r)[0] for r in range(1, 11) if scripted(p["name"], r)[0] is not None)
        check(L[k] >= pct(delays, int(k[1:])) - 1e-9, "%s %s below scripted" % (p["name"], k))

for srv in d["servers"]:
    j = srv["rejected"]
    # spoof.test: 11 queries (warm-up included), each preceded by one datagram of each kind
    check(j["foreign_source"] == 11, "foreign %s" % j)
    check(j["garbage"] == 11, "garbage %s" % j)
    # a wrong id may by chance name an earlier answered query: then it is a duplicate
    check(j["spoofed"] + j["duplicate"] == 33 and j["spoofed"] >= 11, "spoofed/duplicate %s" % j)
    check(j["late"] == 0, "late %s" % j)
    check(srv["sent"] == 70 and srv["timeout"] == 6, "server totals %s" % srv["server"])
    # the responder saw exactly the queries sent: 11 per name, nothing else
    seen = {}
    for line in logs[srv["server"]]:
        if line:
            proto, qname = line.split()[:2]
            check(proto == "udp", "protocol in log")
            seen[qname] = seen.get(qname, 0) + 1
    check(seen == {n: 11 for n in names}, "responder %s saw %s" % (srv["server"], seen))

rec = d["recommendation"]
check(rec["primary"] in servers and rec["secondary"] in servers and rec["primary"] != rec["secondary"],
      "recommendation %s" % rec)
check(rec["secondary_same_operator"] is False, "operators were made different")
check(d["timing"]["answers"] == sum(1 for s in samples if s["status"] == "answered"), "timing answers")
if bad:
    print("\n".join(bad[:20]))
    sys.exit(1)
EOF

# the same run as a table and as CSV: same counts
start_responder A 127.0.0.1 "${RULES[@]}"
"$KANSOKU" dns bench @127.0.0.1:$A_PORT -q nx.test -q lossy.test -n 4 -i 0 --timeout 200ms >"$TMP/table"
grep -Eq "^127\.0\.0\.1:$A_PORT +nx\.test +4 +4 +0 +0 +4 " "$TMP/table" || { cat "$TMP/table"; exit 1; }
grep -Eq "^127\.0\.0\.1:$A_PORT +lossy\.test +4 +2 +2 +2 " "$TMP/table" || { cat "$TMP/table"; exit 1; }
grep -q "^recommendation: primary 127.0.0.1:$A_PORT (this host)" "$TMP/table" || { cat "$TMP/table"; exit 1; }
"$KANSOKU" dns bench @127.0.0.1:$A_PORT -q nx.test -n 3 -i 0 --csv >"$TMP/csv"
head -1 "$TMP/csv" | grep -q '^server,operator,name,sent,answered,timeout,error,noerror,nxdomain,' || exit 1
grep -q "^127.0.0.1:$A_PORT,this host,nx.test,3,3,0,0,0,3,0,0,0,0," "$TMP/csv" || { cat "$TMP/csv"; exit 1; }
"$KANSOKU" dns bench @127.0.0.1:$A_PORT -q nx.test -n 3 -i 0 --csv --samples >"$TMP/samples"
[ "$(grep -c ',nx.test,nx.test,' "$TMP/samples")" = 4 ] || { cat "$TMP/samples"; exit 1; }
exit 0
