#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kansoku check on esxtop files generated with known episodes (gen-esxtop.py):
# the findings must be exactly the expected ones, in both capture modes, and
# rules without counters must be listed as such.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cd "$TMP" || exit 1
fail=0
python3 "$HERE/gen-esxtop.py" full full.csv || exit 1
python3 "$HERE/gen-esxtop.py" default default.csv || exit 1

for mode in full default; do
	"$KANSOKU" check "$mode.csv" >"$mode.out" 2>"$mode.err"; rc=$?
	if [ $rc -ne 0 ] || [ -s "$mode.err" ]; then
		echo "check $mode.csv: exit $rc"; cat "$mode.err"; fail=1
	fi
	if ! diff -u "$HERE/expected-$mode.out" "$mode.out"; then
		echo "check $mode.csv: output differs from expected-$mode.out"; fail=1
	fi
done

# JSON: the same findings, self-consistent, and the silent rules named
"$KANSOKU" check --json default.csv >default.json || fail=1
python3 - default.json <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert len(f) == 15, len(f)
for x in f:
    assert x["samples_over"] <= x["samples"]
    assert abs(x["share_over"] - x["samples_over"] / x["samples"]) < 1e-12
    e = x["longest_episode"]
    assert x["first_over"] <= e["end"] <= x["last_over"], x
    # the episode starts one interval before its first sample (check/episode.h)
    span = [__import__("datetime").datetime.fromisoformat(e[k].replace("Z", "+00:00")) for k in ("start", "end")]
    assert (span[1] - span[0]).total_seconds() == e["duration_s"], x
    assert x["first_over"] <= x["peak_time"] <= x["last_over"]
missing = sorted(r["rule"] for r in d["rules"] if r["status"] == "no counters")
assert missing == ["disk.aborts", "disk.resets", "mem.compress", "mem.numa"], missing
ev = {r["rule"]: r for r in d["rules"] if r["status"] == "evaluated"}
# the default capture has no per-VM balloon counter: the host one is used
assert ev["mem.balloon"]["matched"] == {"object": "Memory", "counter": "Memctl Current MBytes|MCTLSZ"}, ev["mem.balloon"]
bal = [x for x in f if x["rule"] == "mem.balloon"]
assert len(bal) == 1 and bal[0]["who"] == "esx-test.example" and bal[0]["samples_over"] == 18
# ranking: severities never go up
order = {"critical": 0, "warning": 1, "info": 2}
assert [order[x["severity"]] for x in f] == sorted(order[x["severity"]] for x in f)
PY

# --fail-on: critical findings exist; once the critical rules are off only warnings remain
"$KANSOKU" check --fail-on critical full.csv >/dev/null; rc=$?
[ $rc -eq 1 ] || { echo "--fail-on critical: exit $rc, expected 1"; fail=1; }
printf 'disable cpu.ready.*\ndisable mem.swapin\ndisable disk.*\n' >nocrit.rules
"$KANSOKU" check --rules nocrit.rules --fail-on critical full.csv >/dev/null; rc=$?
[ $rc -eq 0 ] || { echo "--fail-on critical without critical findings: exit $rc, expected 0"; fail=1; }
"$KANSOKU" check --rules nocrit.rules --fail-on warning full.csv >/dev/null; rc=$?
[ $rc -eq 1 ] || { echo "--fail-on warning: exit $rc, expected 1"; fail=1; }
"$KANSOKU" check full.csv 'Network Port/*' --fail-on info >/dev/null; rc=$?
[ $rc -eq 1 ] || { echo "--fail-on info with a network finding: exit $rc, expected 1"; fail=1; }
# with only the host's memory selected, the balloon rule falls back to the host counter
"$KANSOKU" check full.csv 'Memory/*' >host.out; rc=$?
grep -q '^warning  *mem.balloon  *esx-test.example ' host.out || { echo "no host balloon finding:"; cat host.out; fail=1; }
exit $fail
