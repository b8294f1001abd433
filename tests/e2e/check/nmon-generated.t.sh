#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kansoku check on small nmon files generated with one planted episode per
# built-in nmon rule (gen-nmon.py): the findings must be exactly the expected
# ones; JSON must say how summed and divided series were made; the ESXi rules
# must not show on nmon files, and the nmon rules must leave an esxtop file's
# findings as they were.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cd "$TMP" || exit 1
fail=0

for os in linux aix; do
	python3 "$HERE/gen-nmon.py" $os $os.nmon || exit 1
	"$KANSOKU" check $os.nmon >$os.out 2>$os.err; rc=$?
	if [ $rc -ne 0 ] || [ -s $os.err ]; then
		echo "check $os.nmon: exit $rc"; cat $os.err; fail=1
	fi
	if ! diff -u "$HERE/expected-nmon-$os.out" $os.out; then
		echo "check $os.nmon: output differs from expected-nmon-$os.out"; fail=1
	fi
	"$KANSOKU" check --json $os.nmon >$os.json || fail=1
done

python3 - linux.json aix.json <<'PY' || fail=1
import json, sys
lx, ax = (json.load(open(p)) for p in sys.argv[1:3])
for d in (lx, ax):
    # only rules written for nmon files are reported on them
    assert all(r["rule"].startswith("nmon.") for r in d["rules"]), d["rules"]
    assert len(d["rules"]) == 8
    for x in d["findings"]:
        assert x["samples_over"] <= x["samples"]
        e = x["longest_episode"]
        assert x["first_over"] <= e["end"] <= x["last_over"], x
    # the episode starts one interval before its first sample (check/episode.h)
    span = [__import__("datetime").datetime.fromisoformat(e[k].replace("Z", "+00:00")) for k in ("start", "end")]
    assert (span[1] - span[0]).total_seconds() == e["duration_s"], x
f = {x["rule"]: x for x in lx["findings"]}
assert f["nmon.cpu.busy"]["sum_of"] == ["CPU/_Total/User%", "CPU/_Total/Sys%"], f["nmon.cpu.busy"]
assert f["nmon.cpu.busy"]["peak"] == 95
assert f["nmon.cpu.runqueue"]["metric"] == "PROC/Runnable"
assert f["nmon.cpu.runqueue"]["divided_by"] == "CPU/_Total/CPUs"
assert f["nmon.cpu.runqueue"]["peak"] == 2.5
assert "divided_by" not in f["nmon.disk.busy"] and "sum_of" not in f["nmon.disk.busy"]
st = {r["rule"]: r for r in ax["rules"]}
assert st["nmon.cpu.runqueue"]["status"] == "not applicable", st["nmon.cpu.runqueue"]
assert st["nmon.mem.swapin"]["matched"] == {"object": "PAGE", "counter": "pgsin"}
PY

# an esxtop file: same findings with and without the nmon rules, none of them listed
python3 "$HERE/gen-esxtop.py" full full.csv || exit 1
printf 'disable nmon.*\n' >no-nmon.rules
"$KANSOKU" check --json full.csv >with.json || fail=1
"$KANSOKU" check --json --rules no-nmon.rules full.csv >without.json || fail=1
python3 - with.json without.json <<'PY' || fail=1
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["findings"] == b["findings"]
assert len(a["findings"]) > 0
assert not any(r["rule"].startswith("nmon.") for r in a["rules"])
assert len(a["rules"]) == 19
PY
exit $fail
