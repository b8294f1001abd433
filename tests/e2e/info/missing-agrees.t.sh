# info and stats count missing values the same way: info's "missing" is the
# SPDX-License-Identifier: MIT
# sum of stats' per-metric missing column (nmon's absent processes included).
set -u
files=("$FIX"/perf/quirks.csv "$FIX"/perf/dups.csv "$FIX"/nmon/*.nmon)
[ -d "$SHARED" ] && files+=("$SHARED"/nmon/* "$SHARED"/perfmon/perfmon_Narmadha6790_sample_DataCollector01.csv)
for f in "${files[@]}"; do
	info="$("$KANSOKU" info --json "$f" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["missing"], d["values"])')"
	stats="$("$KANSOKU" stats --csv "$f" 2>/dev/null | /usr/bin/python3 -c '
import csv, sys
r = list(csv.DictReader(sys.stdin))
print(sum(int(x["missing"]) for x in r), sum(int(x["missing"]) + int(x["samples"]) for x in r))')"
	[ "$info" = "$stats" ] || { echo "$(basename "$f"): info says $info (missing values), stats $stats"; exit 1; }
	echo "$(basename "$f"): missing/values $info in both"
done
