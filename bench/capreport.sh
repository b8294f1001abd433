#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark: `kansoku report CAPTURE` of a generated capture of 1 M packets
# (bench/flowgen.c: 2000 TCP connections open at once, retransmissions,
# reordering) against `tcpdump -nn -r F >/dev/null` on the same file in the same
# run (best wall time of 3, least CPU time of 3), the page's size, and how quickly
# headless Chromium opens it against the demo page (scripts/demo's esxtop
# report), measured in the same run: navigation start to the first screen and to
# all drawn, the longest main-thread task, and the time to draw the busiest
# conversation's stream graphs.
#   bench/capreport.sh [KANSOKU] [PACKETS]      (default ./kansoku, 1000000)
# Needs tcpdump; for the open times chromium and build/npm-test (make check).
set -eu
KANSOKU="${1:-./kansoku}"
N="${2:-1000000}"
command -v tcpdump >/dev/null || { echo "tcpdump is needed (scripts/deps test)"; exit 1; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/.." && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/kansoku-bench.XXXXXX")"; trap 'rm -rf "$TMP"' EXIT
cc -std=gnu11 -O2 -o "$TMP/flowgen" "$HERE/flowgen.c"
cc -O2 -o "$TMP/esxgen" "$HERE/esxgen.c" -lm
"$TMP/flowgen" -n "$N" -o "$TMP/capture.pcap" >/dev/null
"$TMP/esxgen" -n 240 -d 30 --vms 24 --vcpus 2 --pcpus 16 -o "$TMP/esxtop-demo.csv"
export TZ=UTC LC_ALL=C
cat "$TMP/capture.pcap" >/dev/null	# page cache warm for both

# "wall cpu rss_kib" of one run, output to /dev/null
measure() {
	/usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
	read -r e u s m <"$TMP/time"
	echo "$e $(echo "$u + $s" | bc) $m"
}
best() {	# best wall of 3, least CPU of 3, RSS of the best run
	local b="" c="" r=""
	for _ in 1 2 3; do
		read -r t u m < <(measure "$@")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t r=$m; fi
		if [ -z "$c" ] || [ "$(echo "$u < $c" | bc)" = 1 ]; then c=$u; fi
	done
	echo "$b $c $r"
}
read -r tk ck mk < <(best "$KANSOKU" report "$TMP/capture.pcap" -o "$TMP/capture.html")
read -r tt ct _ < <(best tcpdump -nn -r "$TMP/capture.pcap")
# the same capture through a pipe: read once either way
read -r tp cp mp < <(best sh -c 'cat "$1" | "$2" report - -o "$3"' sh "$TMP/capture.pcap" "$KANSOKU" "$TMP/pipe.html")
"$KANSOKU" report "$TMP/esxtop-demo.csv" -o "$TMP/demo.html"
[ "$(echo "$tk > 0" | bc)" = 1 ] || tk=0.01
[ "$(echo "$ck > 0" | bc)" = 1 ] || ck=0.01
convs=$("$KANSOKU" flows --csv "$TMP/capture.pcap" | tail -n +2 | wc -l)
printf 'capture: %d packets, %d conversations, %s; page %s (%.3f of the capture)\n' "$N" "$convs" \
	"$(du -h "$TMP/capture.pcap" | cut -f1)" "$(du -h "$TMP/capture.html" | cut -f1)" \
	"$(echo "$(wc -c <"$TMP/capture.html") / $(wc -c <"$TMP/capture.pcap")" | bc -l)"
printf 'kansoku report   %6.2f s wall, %6.2f s CPU, peak RSS %.1f MiB\n' "$tk" "$ck" "$(echo "$mk / 1024" | bc -l)"
printf 'cat | report -   %6.2f s wall, %6.2f s CPU, peak RSS %.1f MiB\n' "$tp" "$cp" "$(echo "$mp / 1024" | bc -l)"
printf 'tcpdump -nn -r   %6.2f s wall, %6.2f s CPU\n' "$tt" "$ct"
printf 'report takes %.2f times the wall time of tcpdump -nn -r >/dev/null (%.2f times its CPU time)\n' \
	"$(echo "$tk / $tt" | bc -l)" "$(echo "$ck / $ct" | bc -l)"
if [ -x /usr/bin/chromium ] && [ -d "$TOP/build/npm-test/node_modules/playwright-core" ]; then
	PLAYWRIGHT_CORE="$TOP/build/npm-test/node_modules/playwright-core" \
		node "$HERE/capreport-open.cjs" 5 "$TMP/capture.html" "$TMP/demo.html"
else
	echo "chromium or playwright-core missing: open times not measured"
fi
echo "cores: $(nproc)"
