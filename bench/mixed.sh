#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How a report of several inputs compares with the reports of each input alone,
# measured in the same run:
#   bench/mixed.sh [RUNS]        (default 3; needs `make`, /usr/bin/time, python3, cc)
#   OTHER=path/to/kansoku bench/mixed.sh   also measures another build's mixed report
#   KANSOKU=path/to/kansoku bench/mixed.sh  measures that build instead of ./kansoku
# Writes three inputs to $TMPDIR (reused when present): an esxtop -b file of about
# 100 MB (build/esxgen --size 100M --vms 200), a capture of 300,000 packets
# (bench/flowgen.c) and a Postfix log of 20,000 messages (bench/gen_maillog.py).
# Runs `kansoku report` on each alone and on the three together, RUNS times in turn,
# and prints the median wall seconds, CPU seconds and peak RSS of each, then the mixed
# report's wall and peak against the slowest and the largest single-input report.
# Issue 21's target: the mixed report as fast as its slowest single-source report plus
# a few percent; memory as for the largest source alone plus the selected series.
set -eu
TOP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
K="${KANSOKU:-$TOP/kansoku}"
[ -x /usr/bin/time ] || { echo "bench/mixed.sh: /usr/bin/time is needed (Debian package time)" >&2; exit 2; }
make -s -C "$TOP" kansoku esxgen >/dev/null
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
dir="${TMPDIR:-/tmp}"
esx="$dir/kansoku-bench-mixed-esx.csv"
cap="$dir/kansoku-bench-mixed.pcap"
mail="$dir/kansoku-bench-mixed-mail.log"
[ -s "$esx" ] || "$TOP/build/esxgen" --size 100M --vms 200 -o "$esx"
if [ ! -s "$cap" ]; then
	cc -std=gnu11 -O2 -o "$WORK/flowgen" "$TOP/bench/flowgen.c"
	"$WORK/flowgen" -n 300000 -o "$cap" >/dev/null
fi
[ -s "$mail" ] || python3 "$TOP/bench/gen_maillog.py" --messages 20000 >"$mail"
cat "$esx" "$cap" "$mail" >/dev/null	# the page cache holds the inputs for every run alike

# name command...: appends "wall cpu peak_MB" of one run to $WORK/name.runs
measure() {
	local name="$1"; shift
	/usr/bin/time -v "$@" >/dev/null 2>"$WORK/$name.time" || {
		echo "bench/mixed.sh: '$name' failed:" >&2; tail -5 "$WORK/$name.time" >&2; exit 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
		/User time/ { u = $2 } /System time/ { s = $2 }
		/Maximum resident set size/ { r = $2 * 1024 / 1e6 }
		END { print w, u + s, r }' "$WORK/$name.time" >>"$WORK/$name.runs"
}

# the median of each column of name.runs, into name.t
median() {
	local c
	for c in 1 2 3; do
		cut -d' ' -f$c "$WORK/$1.runs" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
	done | paste -sd' ' >"$WORK/$1.t"
}

names="esx capture mail mixed${OTHER:+ other}"
echo "inputs: $(du -m "$esx" | cut -f1) MB esxtop, $(du -m "$cap" | cut -f1) MB capture," \
	"$(du -m "$mail" | cut -f1) MB mail log; $runs runs each, medians; nproc $(nproc)," \
	"load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < runs; i++)); do
	measure esx "$K" report "$esx" -o "$WORK/esx.html"
	measure capture "$K" report "$cap" -o "$WORK/capture.html"
	measure mail "$K" report "$mail" -o "$WORK/mail.html"
	measure mixed "$K" report "$esx" "$cap" "$mail" -o "$WORK/mixed.html"
	[ -n "${OTHER:-}" ] && measure other "$OTHER" report "$esx" "$cap" "$mail" -o "$WORK/other.html"
done
for n in $names; do median "$n"; done
printf "%-28s %8s %8s %10s\n" "kansoku report of" "wall s" "cpu s" "peak MB"
for n in $names; do
	read -r w c r <"$WORK/$n.t"
	case $n in
	esx) label="the esxtop file alone" ;;
	capture) label="the capture alone" ;;
	mail) label="the mail log alone" ;;
	mixed) label="all three" ;;
	other) label="all three, $OTHER" ;;
	esac
	printf "%-28s %8.2f %8.2f %10.0f\n" "${label:0:28}" "$w" "$c" "$r"
done
# the slowest and the largest single-input report
read -r sw sn lr ln < <(for n in esx capture mail; do read -r w _ r <"$WORK/$n.t"; echo "$n $w $r"; done |
	awk '$2 >= sw { sw = $2; sn = $1 } $3 >= lr { lr = $3; ln = $1 } END { print sw, sn, lr, ln }')
for n in mixed ${OTHER:+other}; do
	read -r w _ r <"$WORK/$n.t"
	awk -v l="$n" -v w="$w" -v r="$r" -v sw="$sw" -v sn="$sn" -v lr="$lr" -v ln="$ln" 'BEGIN {
		if (sw < 0.01) sw = 0.01
		printf "%s report: wall %.2fx the slowest alone (%s), peak %.2fx the largest alone (%s)\n",
			l, w / sw, sn, r / lr, ln }'
done
echo "target: wall about 1.0x (a few percent over), peak about the largest alone plus the selected series"
