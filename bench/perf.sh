#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark of the performance-file engine on a generated ~1 GB esxtop file.
#   bench/perf.sh [SIZE] [FILE]      SIZE for bench/esxgen (default 1G), FILE where
#                                    to keep it (default $TMPDIR/kansoku-bench-SIZE.csv,
#                                    reused when it exists)
#   PEERS=0 bench/perf.sh            skip the slow Python peer
# For each run: wall and CPU (user + system) seconds and peak RSS, all from
# /usr/bin/time -v, then MB/s of the file. On a busy machine trust the CPU
# column (what one core did); wall includes waiting for other processes.
# Peers measured in the same run, as yardsticks: `wc -l` (the floor: read the
# bytes and find the lines) and Python's csv module reading every field.
# Targets (issue 3): full parse >= 600 MB/s, selected-column scan >= 1.5 GB/s,
# peak RSS <= 0.6 x file size for a full load and <= 64 MB for a 1% selection.
set -eu
TOP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE="${1:-1G}"
FILE="${2:-${TMPDIR:-/tmp}/kansoku-bench-$SIZE.csv}"
PEERS="${PEERS:-1}"
K="$TOP/kansoku"
[ -x /usr/bin/time ] || { echo "bench/perf.sh: /usr/bin/time is needed (Debian package time)" >&2; exit 2; }

make -s -C "$TOP" kansoku esxgen >/dev/null
if [ ! -s "$FILE" ]; then
	echo "generating $FILE ($SIZE) with build/esxgen ..."
	"$TOP/build/esxgen" --size "$SIZE" -o "$FILE"
fi
bytes=$(stat -c %s "$FILE")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
cols=$("$K" info --json "$FILE" 2>/dev/null | awk -F': ' '/"columns"/ { gsub(/,/, "", $2); print $2; exit }')
echo "file: $FILE, $mb MB, $cols columns; nproc $(nproc); $(uname -m)"
cat "$FILE" >/dev/null	# the page cache holds the file for every run alike

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# selection of about 1% of the columns: two vCPU worlds of every VM and every VM group
SEL=('Vcpu/*vmx-vcpu-[01]:*/% Ready' 'Group Cpu/*/% Ready')

declare -A WALL CPU RSS
measure() {	# name command...
	local name="$1"; shift
	/usr/bin/time -v "$@" >"$WORK/$name.out" 2>"$WORK/$name.time" || {
		echo "bench/perf.sh: '$name' failed:" >&2; tail -5 "$WORK/$name.time" >&2; exit 1; }
	WALL[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$WORK/$name.time")
	CPU[$name]=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$WORK/$name.time")
	# /usr/bin/time -v reports KiB; shown in MB (10^6 bytes) like the file size
	RSS[$name]=$(awk -F': ' '/Maximum resident set size/ { print $2 * 1024 / 1e6 }' "$WORK/$name.time")
}

measure wc wc -l "$FILE"
measure tree "$K" tree "$FILE"
measure parse "$K" info "$FILE"
measure stats_all "$K" stats "$FILE"
measure stats_1pct "$K" stats --csv "$FILE" "${SEL[@]}"
nsel=$(($(wc -l <"$WORK/stats_1pct.out") - 1))
if [ "$PEERS" != 0 ]; then
	measure python_csv /usr/bin/python3 -c '
import csv, sys
n = 0
with open(sys.argv[1], newline="") as f:
    for row in csv.reader(f):
        n += len(row)
print(n)' "$FILE"
fi

row() {	# name label
	local n="$1"
	awk -v label="$2" -v w="${WALL[$n]}" -v c="${CPU[$n]}" -v r="${RSS[$n]}" -v mb="$mb" \
		-v wcw="${WALL[wc]}" -v wcc="${CPU[wc]}" -v pyc="${CPU[python_csv]:-0}" 'BEGIN {
		cw = w > 0 ? mb / w : 0; cc = c > 0 ? mb / c : 0
		printf "%-44s %7.2f %7.2f %8.0f %8.0f %9.1f %6.3f %8.1fx %8s\n", label, w, c, cw, cc, r,
			r / mb, (wcc > 0 ? c / wcc : 0), (pyc > 0 && c > 0 ? sprintf("%.1fx", pyc / c) : "-")
	}'
}
echo
printf "%-44s %7s %7s %8s %8s %9s %6s %9s %8s\n" "run" "wall s" "cpu s" "MB/s" "MB/s" "peak RSS" "RSS/" "cpu vs" "faster"
printf "%-44s %7s %7s %8s %8s %9s %6s %9s %8s\n" "" "" "" "(wall)" "(cpu)" "MB" "file" "wc -l" "than py"
row wc "wc -l (floor: read bytes, find lines)"
[ "$PEERS" != 0 ] && row python_csv "python3 csv.reader, every field (peer)"
row tree "kansoku tree (header only)"
row parse "kansoku info (full parse, all $cols columns)"
row stats_all "kansoku stats, all columns"
row stats_1pct "kansoku stats, $nsel columns ($(awk -v a="$nsel" -v b="$cols" 'BEGIN { printf "%.1f", 100 * a / b }')%)"
echo
echo "targets: full parse >= 600 MB/s, selected scan >= 1500 MB/s (cpu column on a busy machine),"
echo "         peak RSS <= 0.6 x file for a full load, <= 64 MB for a 1% selection"
