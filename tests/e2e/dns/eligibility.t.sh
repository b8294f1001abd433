# SPDX-License-Identifier: MIT
# A server is judged on all its names together: responder A refuses one name on
# every query (its policy) and answers the other at once, B answers both after 2 ms.
# A stays eligible and is the primary; the refused name is reported in the table and
# in JSON. When A refuses only some queries for the name, they count as failures.
set -eu
. "$(dirname "$0")/responder.sh"
start_responder A 127.0.0.1 "blocked.test=refused" "ok.test=0us"
start_responder B 127.0.0.1 "blocked.test=2ms" "ok.test=2ms"
"$KANSOKU" dns bench "@127.0.0.1:$A_PORT" "@127.0.0.1:$B_PORT" -q ok.test -q blocked.test \
	-n 5 -i 0 >"$TMP/table.txt"
"$KANSOKU" dns bench "@127.0.0.1:$A_PORT" "@127.0.0.1:$B_PORT" -q ok.test -q blocked.test \
	-n 5 -i 0 --json >"$TMP/bench.json"
stop_responders
grep -q "^recommendation: primary 127.0.0.1:$A_PORT (this host), secondary 127.0.0.1:$B_PORT" \
	"$TMP/table.txt" || { echo "A is not the primary:"; cat "$TMP/table.txt"; exit 1; }
grep -q "^127.0.0.1:$A_PORT refused every query for blocked.test: its policy" "$TMP/table.txt" ||
	{ echo "the refused name is not reported:"; cat "$TMP/table.txt"; exit 1; }
python3 - "$TMP/bench.json" "127.0.0.1:$A_PORT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = sys.argv[2]
refused = [(p["server"], p["name"]) for p in d["pairs"] if p["always_refused"]]
assert refused == [(a, "blocked.test")], refused
srv = {s["server"]: s for s in d["servers"]}
assert srv[a]["failure_rate"] == 0, srv[a]["failure_rate"]
assert d["recommendation"]["primary"] == a, d["recommendation"]
PY

# refused only on every other query: failures, 50% of the name, 25% of the server
start_responder C 127.0.0.1 "blocked.test=refused,0us" "ok.test=0us"
"$KANSOKU" dns bench "@127.0.0.1:$C_PORT" -q ok.test -q blocked.test -n 4 --warmup 0 -i 0 \
	--json >"$TMP/mixed.json"
stop_responders
python3 - "$TMP/mixed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert not any(p["always_refused"] for p in d["pairs"]), d["pairs"]
assert abs(d["servers"][0]["failure_rate"] - 0.25) < 1e-9, d["servers"][0]["failure_rate"]
PY
echo ok
