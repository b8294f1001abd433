#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A dns bench run log (-o FILE.json) read back as a dataset: against scripted
# loopback responders (one healthy, one slow, one that drops every other
# query, SERVFAILs and REFUSEDs), `check` must name exactly the slow server
# (dns.slow), the lossy one (dns.loss), the SERVFAIL and REFUSED answers, and
# nothing on the healthy one; `export` must add up to the run's own counts.
set -eu
. "$(dirname "$0")/responder.sh"

start_responder OK 127.0.0.1 "ok.test=1ms"
start_responder SLOW 127.0.0.1 "ok.test=150ms"
start_responder LOSSY 127.0.0.1 "ok.test=1ms,drop"
start_responder BAD 127.0.0.1 "ok.test=servfail,refused"
ok="127.0.0.1:$OK_PORT" slow="127.0.0.1:$SLOW_PORT" lossy="127.0.0.1:$LOSSY_PORT" bad="127.0.0.1:$BAD_PORT"
"$KANSOKU" dns bench "@$ok" "@$slow" "@$lossy" "@$bad" -q ok.test -n 20 -i 50ms -c 4 \
	--timeout 400ms -o "$TMP/run.json" >"$TMP/table.txt"
stop_responders
"$KANSOKU" check --json "$TMP/run.json" >"$TMP/check.json"
"$KANSOKU" export -f json "$TMP/run.json" >"$TMP/export.json"
# a run log cut anywhere is named with its line and column as cut short
size=$(wc -c <"$TMP/run.json")
for at in $(seq 400 61 $((size - 1))); do
	head -c "$at" "$TMP/run.json" >"$TMP/cut.json"
	if "$KANSOKU" check "$TMP/cut.json" >/dev/null 2>"$TMP/cut.err"; then
		echo "a run log cut at byte $at was accepted"; exit 1
	fi
	grep -q "cut.json:[0-9]*:[0-9]*: unexpected end of input" "$TMP/cut.err" ||
		{ echo "run log cut at byte $at: unexpected message: $(cat "$TMP/cut.err")"; exit 1; }
done

python3 - "$TMP/run.json" "$TMP/check.json" "$TMP/export.json" "$ok" "$slow" "$lossy" "$bad" <<'PY'
import json, sys
run, chk, exp = (json.load(open(f)) for f in sys.argv[1:4])
ok, slow, lossy, bad = sys.argv[4:8]
problems = []
found = {(f["rule"], f["who"]) for f in chk["findings"]}
want = {("dns.slow", slow), ("dns.loss", lossy), ("dns.servfail", bad), ("dns.refused", bad)}
for w in want - found:
    problems.append("missing finding %s on %s" % w)
for f in found - want:
    problems.append("unexpected finding %s on %s" % f)
if chk["format"] != "dns-results":
    problems.append("format %s" % chk["format"])
# the dataset adds up to the run's own per-server counts (warm-up left out)
sums = {}
for m in exp["metrics"]:
    sums[(m["instance"], m["counter"])] = sum(v for v in m["values"] if v is not None)
for s in run["servers"]:
    name = s["server"]
    for ours, theirs in (("queries", s["sent"]), ("lost", s["timeout"] + s["error"]),
                         ("SERVFAIL", s["rcodes"]["SERVFAIL"]), ("REFUSED", s["rcodes"]["REFUSED"]),
                         ("NOERROR", s["rcodes"]["NOERROR"])):
        if sums.get((name, ours)) != theirs:
            problems.append("%s %s: dataset %s, run %s" % (name, ours, sums.get((name, ours)), theirs))
# the slow server's p95 in every bucket is at least the scripted 150 ms
p95 = [m for m in exp["metrics"] if m["instance"] == slow and m["counter"] == "answer p95"][0]
if any(v is not None and v < 150 for v in p95["values"]):
    problems.append("slow p95 below 150 ms: %s" % p95["values"])
kinds = [e["kind"] for e in exp.get("events", [])]
if kinds != ["start", "stop"]:
    problems.append("events %s" % kinds)
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("findings %s; counts agree with the run's" % sorted(found))
PY
