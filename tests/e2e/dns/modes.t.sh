# SPDX-License-Identifier: MIT
# dns bench modes against the scripted responder: --cold (a fresh random label per
# query, seen as such by the server), --tcp, --tcp-fallback after TC, truncated answers
# kept without it, and answers that arrive after their timeout (late, never accepted).
set -eu
. "$(dirname "$0")/responder.sh"
start_responder A 127.0.0.1 "cold.test=nxdomain" "d5.test=5ms" "tc.test=tc" "late.test=300ms"
S="@127.0.0.1:$A_PORT"

"$KANSOKU" dns bench "$S" -q cold.test --cold -n 5 -i 0 --json >"$TMP/cold.json"
"$KANSOKU" dns bench "$S" -q d5.test --tcp -n 3 -i 0 --json >"$TMP/tcp.json"
"$KANSOKU" dns bench "$S" -q tc.test --tcp-fallback -n 3 -i 0 --json >"$TMP/fallback.json"
"$KANSOKU" dns bench "$S" -q tc.test -n 3 -i 0 --json >"$TMP/tc.json"
"$KANSOKU" dns bench "$S" -q late.test -q d5.test -n 4 -i 200ms --warmup 0 --timeout 100ms \
	--json >"$TMP/late.json"
# the HTML report: complete, and a hostile name never reaches the page unescaped
"$KANSOKU" dns bench "$S" -q d5.test -q '<b>x</b>.test' -n 3 -i 0 -o "$TMP/b.html" >"$TMP/b.txt"
grep -q '^recommendation: primary' "$TMP/b.txt"
grep -q 'kansoku dns bench' "$TMP/b.html" && tail -c 20 "$TMP/b.html" | grep -q '</html>'
if grep -q '<b>x</b>' "$TMP/b.html"; then echo "unescaped name in the report"; exit 1; fi
stop_responders

python3 - "$TMP" <<'EOF'
import json, re, sys
T = sys.argv[1]
load = lambda n: json.load(open("%s/%s.json" % (T, n)))
log = [l.split() for l in open(T + "/A.log").read().splitlines()]
bad = []
def check(c, what):
    if not c:
        bad.append(what)

cold = load("cold")
q = [s["qname"] for s in cold["samples"]]
check(len(q) == 6 and len(set(q)) == 6, "cold names not unique: %s" % q)
check(all(re.fullmatch(r"[a-z0-9]{12}\.cold\.test", x) for x in q), "cold names: %s" % q)
check([l[1] for l in log if l[1].endswith("cold.test")] == q, "the server saw other names")
check(cold["pairs"][0]["rcodes"]["NXDOMAIN"] == 5, "cold rcodes")

tcp = load("tcp")
check(all(s["transport"] == "tcp" and s["status"] == "answered" and s["rtt_ms"] >= 5
          for s in tcp["samples"]), "tcp samples: %s" % tcp["samples"])
check(sum(1 for l in log if l[:2] == ["tcp", "d5.test"]) == 4, "tcp queries in the log")

fb = load("fallback")
check(all(s["transport"] == "udp+tcp" and s["rcode"] == "NOERROR" and not s["tc"]
          for s in fb["samples"]), "fallback samples: %s" % fb["samples"])
check(fb["pairs"][0]["tcp_fallback"] == 3 and fb["pairs"][0]["truncated"] == 0, "fallback counts")
tc = load("tc")
check(all(s["transport"] == "udp" and s["tc"] for s in tc["samples"]), "tc kept")
check(tc["pairs"][0]["truncated"] == 3 and tc["pairs"][0]["answered"] == 3, "tc counts")
# 4 udp queries each for the fallback run's UDP legs and the plain tc run, 4 tcp legs
check(sum(1 for l in log if l[:2] == ["udp", "tc.test"]) == 8, "udp tc queries")
check(sum(1 for l in log if l[:2] == ["tcp", "tc.test"]) == 4, "tcp tc queries")

late = load("late")
p = [x for x in late["pairs"] if x["name"] == "late.test"][0]
check(p["timeout"] == 4 and p["answered"] == 0, "late pair %s" % p)
j = late["servers"][0]["rejected"]
# answers of rounds 0 and 1 come back 300 ms after their send, while the run still goes on
check(j["late"] >= 2 and j["spoofed"] == 0 and j["garbage"] == 0, "late rejects %s" % j)
check(sum(1 for s in late["samples"] if s["late_answer"]) == j["late"], "late flags")
if bad:
    print("\n".join(bad))
    sys.exit(1)
EOF
