# Several files in one report: files recorded at different times keep their
# SPDX-License-Identifier: MIT
# own time axes, files that overlap share one (time-groups.cjs, in Chromium).
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
. "$HERE/../lib/browser.sh"
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/report-time-groups"
A="$FIX/perf/esx-help.csv"	# 2024-03-26 22:35, 12 minutes
B="$FIX/perf/vdisk-names.csv"	# 2024-05-01 10:00, 25 seconds
# the same host five minutes later: overlaps A
sed 's#^"03/26/2024 22:\([0-9]*\)#"03/26/2024 22:X\1#' "$A" | awk -F'"' 'BEGIN{OFS="\""}
	NR > 1 { split($2, t, "X"); m = substr(t[2], 1, 2) + 5; $2 = t[1] sprintf("%02d", m) substr(t[2], 3) } { print }' |
	sed 's#esx-help#esx-help2#g' >"$TMP/a2.csv"
"$KANSOKU" report "$A" "$B" -o "$TMP/apart.html"
grep -q 'id="k-time-groups"' "$TMP/apart.html" || { echo "no note on separate time axes"; exit 1; }
"$KANSOKU" report "$A" "$TMP/a2.csv" -o "$TMP/overlap.html"
! grep -q 'id="k-time-groups"' "$TMP/overlap.html" || { echo "a separate-axes note for overlapping files"; exit 1; }
node "$HERE/time-groups.cjs" apart "$TMP/apart.html" "$OUT/apart"
node "$HERE/time-groups.cjs" overlap "$TMP/overlap.html" "$OUT/overlap"
