#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark: `kansoku flows` on generated captures of millions of packets
# (bench/flowgen.c: 2000 TCP connections open at any time, handshakes,
# request/response exchanges, retransmissions, reordering, FIN/RST closes),
# against `tcpdump -r F -nn >/dev/null` on the same file in the same run.
# Prints packets per second (wall clock, best of 3), the ratio, and the peak
# RSS of `flows --top 20` on two files, one 4 times longer: memory follows the
# number of open conversations, not the length of the capture (the full table
# keeps one ~260-byte row per conversation for sorting, on top of that).
#   bench/flows.sh [KANSOKU] [PACKETS]        (default ./kansoku, 2000000)
# BENCH_TSHARK=1 also times `tshark -q -z conv,tcp` (slow).
set -eu
KANSOKU="${1:-./kansoku}"
N="${2:-2000000}"
command -v tcpdump >/dev/null || { echo "tcpdump is needed (scripts/deps test)"; exit 1; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/kansoku-bench.XXXXXX")"; trap 'rm -rf "$TMP"' EXIT
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc -std=gnu11 -O2 -o "$TMP/flowgen" "$HERE/flowgen.c"
"$TMP/flowgen" -n "$N" -o "$TMP/a.pcap"
"$TMP/flowgen" -n $((N * 4)) -seed 11 -o "$TMP/b.pcap"
export TZ=UTC LC_ALL=C

# "seconds max_rss_kib" of one run, output to /dev/null
measure() {
	/usr/bin/time -f "%e %M" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
	cat "$TMP/time"
}
best() {	# best wall time of 3 runs, and the RSS of that run
	local b="" r=""
	for _ in 1 2 3; do
		read -r t m < <(measure "$@")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t r=$m; fi
	done
	echo "$b $r"
}
cat "$TMP/a.pcap" "$TMP/b.pcap" >/dev/null	# page cache warm for everyone

read -r tk mk < <(best "$KANSOKU" flows "$TMP/a.pcap")
read -r tt mt < <(best tcpdump -r "$TMP/a.pcap" -nn)
read -r tk4 mk4 < <(best "$KANSOKU" flows "$TMP/b.pcap")
read -r _ mt1 < <(measure "$KANSOKU" flows --top 20 "$TMP/a.pcap")
read -r _ mt4 < <(measure "$KANSOKU" flows --top 20 "$TMP/b.pcap")
convs=$("$KANSOKU" flows --csv "$TMP/a.pcap" | tail -n +2 | wc -l)
[ "$(echo "$tk > 0" | bc)" = 1 ] || tk=0.01
printf 'capture: %d packets, %d conversations, %d open at once, %s\n' "$N" "$convs" 2000 \
	"$(du -h "$TMP/a.pcap" | cut -f1)"
printf 'kansoku flows      %6.2f s  %6.2f M packets/s  peak RSS %6.1f MiB\n' "$tk" \
	"$(echo "$N / $tk / 1000000" | bc -l)" "$(echo "$mk / 1024" | bc -l)"
printf 'tcpdump -r -nn     %6.2f s  %6.2f M packets/s  peak RSS %6.1f MiB\n' "$tt" \
	"$(echo "$N / $tt / 1000000" | bc -l)" "$(echo "$mt / 1024" | bc -l)"
printf 'flows is %.1f times as fast as tcpdump -r -nn >/dev/null\n' "$(echo "$tt / $tk" | bc -l)"
meta() {	# conversations and the most open at once (open or closed less than 60 s ago)
	"$KANSOKU" flows --json --top 1 "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["conversations"], d["peak_open_conversations"])'
}
read -r convs4 peak4 < <(meta "$TMP/b.pcap")
read -r _ peak1 < <(meta "$TMP/a.pcap")
printf 'kansoku flows on %d packets (4x, %d conversations): %.2f s, %.2f M packets/s, peak RSS %.1f MiB\n' \
	$((N * 4)) "$convs4" "$tk4" "$(echo "$N * 4 / $tk4 / 1000000" | bc -l)" "$(echo "$mk4 / 1024" | bc -l)"
printf 'kansoku flows --top 20: peak RSS %.1f MiB on 1x, %.1f MiB on 4x (%.2fx); conversations in the table at most: %s on 1x, %s on 4x\n' \
	"$(echo "$mt1 / 1024" | bc -l)" "$(echo "$mt4 / 1024" | bc -l)" "$(echo "$mt4 / $mt1" | bc -l)" "$peak1" "$peak4"
if [ "${BENCH_TSHARK:-0}" = 1 ] && command -v tshark >/dev/null; then
	read -r ts ms < <(measure tshark -n -r "$TMP/a.pcap" -q -z conv,tcp)
	printf 'tshark -q -z conv,tcp %6.2f s, peak RSS %.1f MiB: flows is %.1f times as fast\n' "$ts" \
		"$(echo "$ms / 1024" | bc -l)" "$(echo "$ts / $tk" | bc -l)"
fi
echo "cores: $(nproc)"
