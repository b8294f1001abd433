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
# Then the same on a capture whose payloads were kept (200,000 packets of
# 1160-byte response segments, ~162 MB): there reading the file dominates.
#   bench/flows.sh [KANSOKU] [PACKETS]        (default ./kansoku, 2000000)
# BASELINE=OTHER_KANSOKU also times another build on both files (before/after).
# CPU time (user + system, least of 3) is printed beside wall time: on a busy
# machine the wall clock also counts waiting for a CPU.
# `kansoku check` (captures as datasets, findings) is timed on the same files,
# against tcpdump -nn and tshark's TCP analysis (`-q -z expert`, Wireshark's
# Expert Info: the same events check counts), then on captures of 100,000 and
# 1,000,000 short connections (BENCH_MANY=0 skips them; the larger file is
# ~0.9 GB) for its peak RSS per conversation, then on captures of hours where
# conversations end all along (memory that stays flat as they add up).
# BENCH_TSHARK=0 skips tshark (slow); otherwise, when installed, it also times
# `tshark -q -z conv,tcp` against flows.
set -eu
KANSOKU="${1:-./kansoku}"
N="${2:-2000000}"
command -v tcpdump >/dev/null || { echo "tcpdump is needed (scripts/deps test)"; exit 1; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/kansoku-bench.XXXXXX")"; trap 'rm -rf "$TMP"' EXIT
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc -std=gnu11 -O2 -o "$TMP/flowgen" "$HERE/flowgen.c"
"$TMP/flowgen" -n "$N" -o "$TMP/a.pcap"
"$TMP/flowgen" -n $((N * 4)) -seed 11 -o "$TMP/b.pcap"
"$TMP/flowgen" -n 200000 -s 65535 -m 1160 -seed 5 -o "$TMP/full.pcap"
export TZ=UTC LC_ALL=C

# "seconds max_rss_kib cpu_seconds" of one run, output to /dev/null
measure() {
	/usr/bin/time -f "%e %M %U %S" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
	read -r e m u s <"$TMP/time"
	echo "$e $m $(echo "$u + $s" | bc)"
}
# Best wall time of 3 runs, the RSS of that run, and the least CPU time (user +
# system) of the 3: on a busy machine wall time counts waiting for a CPU.
best() {
	local b="" r="" c=""
	for _ in 1 2 3; do
		read -r t m u < <(measure "$@")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t r=$m; fi
		if [ -z "$c" ] || [ "$(echo "$u < $c" | bc)" = 1 ]; then c=$u; fi
	done
	echo "$b $r $c"
}
rate() {	# packets seconds -> "N.NN" M packets/s
	if [ "$(echo "$2 > 0" | bc)" = 1 ]; then echo "$1 / $2 / 1000000" | bc -l; else echo 0; fi
}
cat "$TMP/a.pcap" "$TMP/b.pcap" "$TMP/full.pcap" >/dev/null	# page cache warm for everyone

read -r tk mk ck < <(best "$KANSOKU" flows "$TMP/a.pcap")
read -r tt mt ct < <(best tcpdump -r "$TMP/a.pcap" -nn)
read -r tk4 mk4 _ < <(best "$KANSOKU" flows "$TMP/b.pcap")
read -r _ mt1 _ < <(measure "$KANSOKU" flows --top 20 "$TMP/a.pcap")
read -r _ mt4 _ < <(measure "$KANSOKU" flows --top 20 "$TMP/b.pcap")
convs=$("$KANSOKU" flows --csv "$TMP/a.pcap" | tail -n +2 | wc -l)
[ "$(echo "$tk > 0" | bc)" = 1 ] || tk=0.01
printf 'capture: %d packets, %d conversations, %d open at once, %s\n' "$N" "$convs" 2000 \
	"$(du -h "$TMP/a.pcap" | cut -f1)"
printf 'kansoku flows      %6.2f s  %6.2f M packets/s  (CPU %5.2f s, %5.2f M packets/s)  peak RSS %6.1f MiB\n' \
	"$tk" "$(rate "$N" "$tk")" "$ck" "$(rate "$N" "$ck")" "$(echo "$mk / 1024" | bc -l)"
printf 'tcpdump -r -nn     %6.2f s  %6.2f M packets/s  (CPU %5.2f s, %5.2f M packets/s)  peak RSS %6.1f MiB\n' \
	"$tt" "$(rate "$N" "$tt")" "$ct" "$(rate "$N" "$ct")" "$(echo "$mt / 1024" | bc -l)"
printf 'flows is %.1f times as fast as tcpdump -r -nn >/dev/null (%.1f times in CPU time)\n' \
	"$(echo "$tt / $tk" | bc -l)" "$(echo "$ct / $ck" | bc -l)"
meta() {	# conversations and the most open at once (open or closed less than 60 s ago)
	"$KANSOKU" flows --json --top 1 "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["conversations"], d["peak_open_conversations"])'
}
read -r convs4 peak4 < <(meta "$TMP/b.pcap")
read -r _ peak1 < <(meta "$TMP/a.pcap")
printf 'kansoku flows on %d packets (4x, %d conversations): %.2f s, %.2f M packets/s, peak RSS %.1f MiB\n' \
	$((N * 4)) "$convs4" "$tk4" "$(echo "$N * 4 / $tk4 / 1000000" | bc -l)" "$(echo "$mk4 / 1024" | bc -l)"
printf 'kansoku flows --top 20: peak RSS %.1f MiB on 1x, %.1f MiB on 4x (%.2fx); conversations in the table at most: %s on 1x, %s on 4x\n' \
	"$(echo "$mt1 / 1024" | bc -l)" "$(echo "$mt4 / 1024" | bc -l)" "$(echo "$mt4 / $mt1" | bc -l)" "$peak1" "$peak4"

# check on a capture: the dataset per interval and conversation (TCP analysis as
# Wireshark defines it), then the capture rules; peak RSS on 1x and 4x
read -r tc mc cc < <(best "$KANSOKU" check "$TMP/a.pcap")
read -r _ mc4 _ < <(measure "$KANSOKU" check "$TMP/b.pcap")
printf 'kansoku check      %6.2f s  %6.2f M packets/s  (CPU %5.2f s, %5.2f M packets/s)  peak RSS %6.1f MiB (%.1f MiB on 4x)\n' \
	"$tc" "$(rate "$N" "$tc")" "$cc" "$(rate "$N" "$cc")" "$(echo "$mc / 1024" | bc -l)" "$(echo "$mc4 / 1024" | bc -l)"
printf 'check is %.1f times as fast as tcpdump -r -nn >/dev/null (%.1f times in CPU time)\n' \
	"$(echo "$tt / $tc" | bc -l)" "$(echo "$ct / $cc" | bc -l)"

if [ "${BENCH_TSHARK:-1}" = 1 ] && command -v tshark >/dev/null; then
	read -r tx mx cx < <(measure tshark -n -r "$TMP/a.pcap" -q -z expert)
	printf 'tshark -q -z expert %6.2f s  %6.2f M packets/s  (CPU %5.2f s, %5.2f M packets/s)  peak RSS %6.1f MiB\n' \
		"$tx" "$(rate "$N" "$tx")" "$cx" "$(rate "$N" "$cx")" "$(echo "$mx / 1024" | bc -l)"
	printf 'check is %.1f times as fast as tshark -q -z expert (%.1f times in CPU time)\n' \
		"$(echo "$tx / $tc" | bc -l)" "$(echo "$cx / $cc" | bc -l)"
fi
if [ -n "${BASELINE:-}" ]; then
	read -r tcb mcb ccb < <(best "$BASELINE" check "$TMP/a.pcap")
	printf 'baseline check: %.2f M packets/s, CPU %.2f s (%.1f times tcpdump in CPU time), peak RSS %.1f MiB\n' \
		"$(rate "$N" "$tcb")" "$ccb" "$(echo "$ct / $ccb" | bc -l)" "$(echo "$mcb / 1024" | bc -l)"
fi

# check on many short connections (about 10 packets each): memory follows the
# conversations and the intervals each lived, not conversations x capture length
if [ "${BENCH_MANY:-1}" = 1 ]; then
	for n in 1000000 10000000; do
		"$TMP/flowgen" -n "$n" -x 1 -r 2 -seed 7 -o "$TMP/many.pcap" 2>/dev/null
		read -r nconv _ < <(meta "$TMP/many.pcap")
		read -r tm mm cm < <(measure "$KANSOKU" check "$TMP/many.pcap")
		read -r _ _ ctm < <(measure tcpdump -r "$TMP/many.pcap" -nn)
		printf 'check on %d packets, %d conversations: CPU %.2f s, %.2f M packets/s (%.1f times tcpdump -nn in CPU time), peak RSS %.1f MiB, %.2f KiB per conversation\n' \
			"$n" "$nconv" "$cm" "$(rate "$n" "$cm")" "$(echo "$ctm / $cm" | bc -l)" \
			"$(echo "$mm / 1024" | bc -l)" "$(echo "$mm / $nconv" | bc -l)"
		if [ -n "${BASELINE:-}" ]; then
			# at most 8 GiB of address space: a build that keeps dense series needs more
			if (ulimit -v 8388608; /usr/bin/time -f "%e %M %U %S" -o "$TMP/time" "$BASELINE" check "$TMP/many.pcap" >/dev/null 2>&1); then
				read -r _ mb ub sb <"$TMP/time"
				printf '  baseline: CPU %.2f s, peak RSS %.1f MiB\n' "$(echo "$ub + $sb" | bc)" "$(echo "$mb / 1024" | bc -l)"
			else
				echo "  baseline: failed within 8 GiB of address space"
			fi
		fi
		rm -f "$TMP/many.pcap"
	done
fi

# check's memory as finished conversations grow, the same 2000 open at once:
# conversations of ~40 s spread over hours (-t 2000), so nearly all have ended
# (and been judged) long before the capture does. Peak RSS should stay nearly
# flat: what remains per ended conversation is its series with a possible
# finding and a 20-byte count of its ends (for "#2" names).
# BENCH_LONG=1 adds 10,000,000 packets (~1,000,000 conversations, 0.8 GB).
if [ "${BENCH_MANY:-1}" = 1 ]; then
	sizes="100000 1000000"
	[ "${BENCH_LONG:-0}" = 1 ] && sizes="$sizes 10000000"
	for n in $sizes; do
		"$TMP/flowgen" -n "$n" -x 1 -r 2 -t 2000 -seed 7 -o "$TMP/long.pcap" 2>/dev/null
		read -r nconv _ < <(meta "$TMP/long.pcap")
		read -r _ mm cm < <(measure "$KANSOKU" check "$TMP/long.pcap")
		line=$(printf 'check, %d conversations ended over %d s (2000 open at once): peak RSS %.1f MiB, CPU %.2f s' \
			"$nconv" $((n / 500)) "$(echo "$mm / 1024" | bc -l)" "$cm")
		if [ -n "${BASELINE:-}" ]; then
			read -r _ mb _ < <(measure "$BASELINE" check "$TMP/long.pcap")
			line="$line; baseline $(printf '%.1f' "$(echo "$mb / 1024" | bc -l)") MiB"
		fi
		echo "$line"
		rm -f "$TMP/long.pcap"
	done
fi

read -r tkf _ ckf < <(best "$KANSOKU" flows "$TMP/full.pcap")
read -r ttf _ ctf < <(best tcpdump -r "$TMP/full.pcap" -nn)
printf 'full payloads (200000 packets, %s): flows %.3f s (CPU %.3f s), %.2f M packets/s; tcpdump -r -nn %.3f s (CPU %.3f s); flows is %.1f times as fast (%.1f in CPU time)\n' \
	"$(du -h "$TMP/full.pcap" | cut -f1)" "$tkf" "$ckf" "$(rate 200000 "$tkf")" "$ttf" "$ctf" \
	"$(echo "$ttf / $tkf" | bc -l)" "$(echo "$ctf / $ckf" | bc -l)"
if [ -n "${BASELINE:-}" ]; then
	read -r tb _ cb < <(best "$BASELINE" flows "$TMP/a.pcap")
	read -r tbf _ cbf < <(best "$BASELINE" flows "$TMP/full.pcap")
	printf 'baseline %s: %.2f M packets/s, CPU %.2f s (%.1f times tcpdump, %.1f in CPU time); full payloads %.3f s, CPU %.3f s (%.1f times tcpdump, %.1f in CPU time)\n' \
		"$BASELINE" "$(rate "$N" "$tb")" "$cb" "$(echo "$tt / $tb" | bc -l)" "$(echo "$ct / $cb" | bc -l)" \
		"$tbf" "$cbf" "$(echo "$ttf / $tbf" | bc -l)" "$(echo "$ctf / $cbf" | bc -l)"
fi
if [ "${BENCH_TSHARK:-1}" = 1 ] && command -v tshark >/dev/null; then
	read -r ts ms < <(measure tshark -n -r "$TMP/a.pcap" -q -z conv,tcp)
	printf 'tshark -q -z conv,tcp %6.2f s, peak RSS %.1f MiB: flows is %.1f times as fast\n' "$ts" \
		"$(echo "$ms / 1024" | bc -l)" "$(echo "$ts / $tk" | bc -l)"
fi
echo "cores: $(nproc)"
