# SPDX-License-Identifier: MIT
# The OpenMetrics export is loaded by Prometheus' own `promtool tsdb
# create-blocks-from openmetrics`, dumped back with `promtool tsdb dump` and
# compared value by value (names, labels, times) with kansoku's long CSV.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v promtool >/dev/null; then
	echo "promtool is not installed (Debian package prometheus; scripts/deps test installs it)"
	exit 77
fi
files=("$FIX/perf/glued.csv" "$FIX/perf/esxgen-small.csv" "$FIX/perf/dups.csv")
if [ -d "$SHARED" ]; then
	files+=("$SHARED/esxtop/esxtopd-default.csv"
		"$SHARED/perfmon/perfmon_Narmadha6790_sample_DataCollector01.csv"
		"$SHARED/perfmon/perfmon_waflia_PDH_Converter_DataCollector01_cp1251.csv")
else
	echo "note: ../shared is absent: only the fixtures are checked"
fi
n=0
for f in "${files[@]}"; do
	n=$((n + 1))
	d="$TMP/$n"
	mkdir -p "$d"
	"$KANSOKU" export "$f" -f openmetrics -o "$d/x.om" 2>/dev/null || { echo "export failed: $f"; exit 1; }
	"$KANSOKU" export "$f" --long -o "$d/long.csv" 2>/dev/null || exit 1
	if ! promtool tsdb create-blocks-from openmetrics "$d/x.om" "$d/tsdb" >"$d/log" 2>&1; then
		echo "promtool rejected the export of $f:"; tail -5 "$d/log"; exit 1
	fi
	mkdir -p "$d/tsdb/wal"	# promtool 2.42 dump wants a WAL directory
	promtool tsdb dump "$d/tsdb" >"$d/dump.txt" 2>"$d/dump.err" || { cat "$d/dump.err"; exit 1; }
	out="$(/usr/bin/python3 "$HERE/interop.py" prom "$d/long.csv" "$d/dump.txt")"
	rc=$?
	echo "$(basename "$f"): $out"
	[ $rc -eq 0 ] || exit 1
done
