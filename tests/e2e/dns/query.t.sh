# SPDX-License-Identifier: MIT
# dns query against the scripted responder: dig-style output (id and time masked),
# types, flags, TCP, retry after TC, checks that survive junk, a timeout; dig's habits:
# -p, a server by name (localhost, from /etc/hosts: no resolver is asked), -4, +short,
# +tries and +time.
set -eu
. "$(dirname "$0")/responder.sh"
start_responder A 127.0.0.1 "www.test=1ms" "nx.test=nxdomain" "tc.test=tc" \
	"junk.test=garbage+wrongid+wrongq+wrongsrc+1ms" "drop.test=drop" \
	"site.test=nsid:ams<1>+ede:18+refused"
S="@127.0.0.1:$A_PORT"
mask() { sed -E -e 's/id: [0-9]+/id: ID/' -e 's/Query time: [0-9]+ usec/Query time: T usec/' \
	-e "s/:$A_PORT/:PORT/"; }

"$KANSOKU" dns query "$S" www.test | mask >"$TMP/a"
cat >"$TMP/a.want" <<'X'
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID
;; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232

;; QUESTION SECTION:
;www.test.	IN	A

;; ANSWER SECTION:
www.test.	3600	IN	A	192.0.2.1

;; Query time: T usec (kernel receive timestamp)
;; SERVER: 127.0.0.1:PORT (UDP)
;; MSG SIZE  rcvd: 53
X
diff -u "$TMP/a.want" "$TMP/a"

"$KANSOKU" dns query "$S" www.test AAAA +norec +noedns +tcp | mask >"$TMP/b"
cat >"$TMP/b.want" <<'X'
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID
;; flags: qr aa ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0

;; QUESTION SECTION:
;www.test.	IN	AAAA

;; ANSWER SECTION:
www.test.	3600	IN	AAAA	2001:db8::1

;; Query time: T usec (kernel receive timestamp)
;; SERVER: 127.0.0.1:PORT (TCP)
;; MSG SIZE  rcvd: 54
X
diff -u "$TMP/b.want" "$TMP/b"

"$KANSOKU" dns query "$S" nx.test TXT | grep -q 'status: NXDOMAIN'
"$KANSOKU" dns query "$S" www.test TXT | grep -q $'^www.test.\t3600\tIN\tTXT\t"kansoku"$'
"$KANSOKU" dns query "$S" tc.test | mask >"$TMP/c"
head -1 "$TMP/c" | grep -q '^;; Truncated, retried over TCP.$'
grep -q '^;; SERVER: 127.0.0.1:PORT (TCP)$' "$TMP/c"
"$KANSOKU" dns query "$S" tc.test +ignore | grep -q '^;; flags: qr aa tc rd ra;'
# junk before the real answer is ignored, the real answer accepted
"$KANSOKU" dns query "$S" junk.test | grep -q $'^junk.test.\t3600\tIN\tA\t192.0.2.1$'
"$KANSOKU" dns query "$S" junk.test --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["rcode"] == "NOERROR" and d["answer"] == ["junk.test.\t3600\tIN\tA\t192.0.2.1"], d
assert d["transport"] == "udp" and d["rtt_us"] >= 1000 and d["flags"] == ["qr", "aa", "rd", "ra"], d
assert d["edns"] == {"version": 0, "do": False, "udp_size": 1232, "ede": []}, d'
rc=0
"$KANSOKU" dns query --timeout 200ms "$S" drop.test >"$TMP/d.out" 2>"$TMP/d.err" || rc=$?
[ $rc = 2 ] && [ ! -s "$TMP/d.out" ]
grep -q "^kansoku dns query: no answer from 127.0.0.1:$A_PORT within 0.2 s$" "$TMP/d.err"

# NSID and Extended DNS Errors as dig shows them, and in JSON
"$KANSOKU" dns query "$S" site.test >"$TMP/g"
grep -q '^; NSID: 61 6d 73 3c 31 3e ("ams<1>")$' "$TMP/g"
grep -q '^; EDE: 18 (Prohibited): (scripted)$' "$TMP/g"
"$KANSOKU" dns query "$S" site.test --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["rcode"] == "REFUSED" and d["edns"]["nsid"] == "ams<1>", d
assert d["edns"]["ede"] == [{"code": 18, "name": "Prohibited", "text": "scripted"}], d'
# +nonsid: no NSID option in the query (the responder answers one only when asked)
"$KANSOKU" dns query "$S" site.test +nonsid --json | python3 -c '
import json, sys
e = json.load(sys.stdin)["edns"]
assert "nsid" not in e and e["ede"][0]["code"] == 18, e'

# dig's habits
"$KANSOKU" dns query -p "$A_PORT" @127.0.0.1 www.test | grep -q "^;; SERVER: 127.0.0.1:$A_PORT (UDP)$"
"$KANSOKU" dns query @localhost -4 www.test -p "$A_PORT" | mask >"$TMP/e"
grep -q '^;; SERVER: localhost:PORT (127.0.0.1) (UDP)$' "$TMP/e"
grep -q $'^www.test.\t3600\tIN\tA\t192.0.2.1$' "$TMP/e"
[ "$("$KANSOKU" dns query "$S" www.test +short)" = "192.0.2.1" ]
[ "$("$KANSOKU" dns query "$S" www.test TXT +short)" = '"kansoku"' ]
[ "$("$KANSOKU" dns query "$S" nx.test +short)" = "" ]
rc=0
"$KANSOKU" dns query "$S" drop.test +tries=3 +time=100ms 2>"$TMP/f.err" || rc=$?
[ $rc = 2 ]
grep -q "^kansoku dns query: no answer from 127.0.0.1:$A_PORT within 0.1 s (3 tries)$" "$TMP/f.err"
rc=0
"$KANSOKU" dns query "$S" drop.test +retry=1 +time=100ms 2>/dev/null || rc=$?
[ $rc = 2 ]
stop_responders
# the log is complete once the responder stopped: one try above, then 3, then 1 + 1
n=$(grep -c ' drop.test ' "$TMP/A.log" || true)
[ "$n" = 6 ] || { echo "drop.test was asked $n times, not 1 + 3 + 2"; exit 1; }
exit 0
