#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How quick, how big and how light an HTML report is, against its yardsticks in
# the same run:
#   bench/report.sh [SIZE]      (default 1G; needs `make`, /usr/bin/time, and for the
#                                open times chromium and build/npm-test from `make check`)
#   OTHER=path/to/kansoku bench/report.sh   also measures another build (before/after)
#   CSV=FILE bench/report.sh     measures FILE instead (bench/perf.sh --day passes its day)
# Writes a generated esxtop -b file of SIZE (build/esxgen --size SIZE --vms 200) to
# $TMPDIR, reused when present, and prints:
#   - `kansoku report` wall and CPU seconds against `wc -l` on the same file (the floor:
#     read the bytes, find the lines), and its peak RSS against the file's size;
#   - the page's size against the CSV and gzip -1 of it;
#   - the open time in headless Chromium (bench/report-open.cjs: first screen drawn,
#     all charts drawn, longest main-thread task) of the demo's page (scripts/demo's
#     input) and of the big page, and their ratio.
# Issue 22's targets: report wall <= 15x wc -l, peak <= 0.5x the file, the big page
# opening in <= 2x the demo page's time, no main-thread task over 100 ms.
set -eu
TOP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-1G}"
K="$TOP/kansoku"
[ -x /usr/bin/time ] || { echo "bench/report.sh: /usr/bin/time is needed (Debian package time)" >&2; exit 2; }
make -s -C "$TOP" kansoku esxgen >/dev/null
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
csv="${CSV:-${TMPDIR:-/tmp}/kansoku-bench-report-$size.csv}"
[ -s "$csv" ] || "$TOP/build/esxgen" --size "$size" --vms 200 -o "$csv"
demo="$WORK/demo.csv"
"$TOP/build/esxgen" -n 240 -d 30 --vms 24 --vcpus 2 --pcpus 16 -o "$demo"

# name command...: wall, cpu (user + sys) seconds and peak RSS (MB) into $WORK/name.t
measure() {
	local name="$1"; shift
	/usr/bin/time -v "$@" >/dev/null 2>"$WORK/$name.time" || {
		echo "bench/report.sh: '$name' failed:" >&2; tail -5 "$WORK/$name.time" >&2; exit 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
		/User time/ { u = $2 } /System time/ { s = $2 }
		/Maximum resident set size/ { r = $2 * 1024 / 1e6 }
		END { print w, u + s, r }' "$WORK/$name.time" >"$WORK/$name.t"
}

bytes=$(stat -c %s "$csv")
echo "file: $csv, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $(($(wc -l <"$csv") - 1)) rows; nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$csv" >/dev/null	# the page cache holds the file for every run alike
measure wc wc -l "$csv"
measure report "$K" report "$csv" -o "$WORK/big.html"
[ -n "${OTHER:-}" ] && measure other "$OTHER" report "$csv" -o "$WORK/other.html"
"$K" report "$demo" -o "$WORK/demo.html"
printf "%-28s %8s %8s %10s %10s %10s\n" run "wall s" "cpu s" "peak MB" "wall/wc" "peak/file"
for n in wc report ${OTHER:+other}; do
	read -r w c r <"$WORK/$n.t"
	read -r ww _ _ <"$WORK/wc.t"
	label=$n; [ "$n" = wc ] && label="wc -l (floor)"; [ "$n" = report ] && label="kansoku report"
	[ "$n" = other ] && label="$OTHER report"
	awk -v l="$label" -v w="$w" -v c="$c" -v r="$r" -v ww="$ww" -v b="$bytes" 'BEGIN {
		if (ww < 0.01) ww = 0.01
		printf "%-28s %8.2f %8.2f %10.0f %9.1fx %9.2fx\n", substr(l, 1, 28), w, c, r, w / ww, r * 1e6 / b }'
done
html=$(stat -c %s "$WORK/big.html")
gz=$(gzip -1 -c "$csv" | wc -c)
awk -v h="$html" -v c="$bytes" -v g="$gz" 'BEGIN {
	printf "page %.1f MB: %.3fx the CSV, %.2fx gzip -1 of the CSV\n", h / 1e6, h / c, h / g }'
echo "targets: report wall <= 15x wc -l, peak <= 0.5x the file"
pw="$TOP/build/npm-test/node_modules/playwright-core"
if [ -x /usr/bin/chromium ] && [ -d "$pw" ] && command -v node >/dev/null; then
	pages=("$WORK/demo.html" "$WORK/big.html")
	[ -n "${OTHER:-}" ] && pages+=("$WORK/other.html")
	PLAYWRIGHT_CORE="$pw" node "$TOP/bench/report-open.cjs" -n "${RUNS:-3}" "${pages[@]}"
	echo "targets: the big page opens in <= 2x the demo page's time; no task over 100 ms"
else
	echo "chromium, node or playwright-core (make check installs it) missing: open time not measured"
fi
