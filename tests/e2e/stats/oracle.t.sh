# SPDX-License-Identifier: MIT
# `kansoku stats` against an independent oracle (Python's csv and statistics
# modules, tests/e2e/stats/oracle.py) on generated fixtures and, when
# ../shared is present, on every real esxtop and perfmon file.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -x /usr/bin/python3 ] || { echo "/usr/bin/python3 is absent"; exit 77; }
files=("$FIX/perf/glued.csv" "$FIX/perf/quirks.csv" "$FIX/perf/esxgen-small.csv" "$FIX/perf/cp1251.csv" "$FIX/perf/numbers.csv")
if [ -d "$SHARED" ]; then
	files+=("$SHARED"/esxtop/*.csv "$SHARED"/perfmon/*.csv)
else
	echo "note: ../shared is absent: only the fixtures are checked"
fi
fail=0
for f in "${files[@]}"; do
	"$KANSOKU" stats "$f" --csv >"$TMP/got.csv" 2>/dev/null || { echo "stats failed on $f"; exit 1; }
	out="$(/usr/bin/python3 "$HERE/oracle.py" "$f" "$TMP/got.csv")"
	rc=$?
	echo "$(basename "$f"): $out"
	[ $rc -eq 0 ] || fail=1
done
exit $fail
