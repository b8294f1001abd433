# One zone rule in every command and output: a file without a zone (nmon, a
# SPDX-License-Identifier: MIT
# perfmon header without a bias) is shown as written, labelled local time of
# an unknown zone (JSON utc_offset null), never UTC; --tz says which zone.
set -u
cd "$TMP" || exit 1
N="$FIX/nmon/cut.nmon" P="$FIX/perf/dups.csv" fail=0
bad() { echo "FAIL: $*"; fail=1; }
for f in "$N" "$P"; do
	b="$(basename "$f")"
	"$KANSOKU" info "$f" >info.txt 2>/dev/null || bad "$b: info failed"
	grep -q 'zone unknown' info.txt || bad "$b: info does not say the zone is unknown"
	for cmd in "stats --json" "check --json" "info --json"; do
		$KANSOKU $cmd "$f" >out.json 2>/dev/null
		/usr/bin/python3 -c 'import json,sys; d=json.load(open("out.json")); sys.exit(0 if d.get("utc_offset", 0) is None else 1)' ||
			bad "$b: $cmd: utc_offset is not null"
		grep -q '[0-9]Z"' out.json && bad "$b: $cmd prints a time in UTC (Z)"
	done
	"$KANSOKU" check "$f" >check.txt 2>/dev/null
	grep -q 'UTC' check.txt && bad "$b: check says UTC: $(grep UTC check.txt | head -1)"
	grep -q 'local time, zone unknown' check.txt || bad "$b: check does not say the zone is unknown"
	"$KANSOKU" report "$f" -o r.html 2>/dev/null || bad "$b: report failed"
	grep -q 'UTC[+-]' r.html && bad "$b: the report says UTC"
	grep -q 'local time, zone unknown' r.html || bad "$b: the report does not say the zone is unknown"
	"$KANSOKU" export -f json "$f" >e.json 2>/dev/null
	grep -q '"utc_offset":null' e.json || bad "$b: export json: utc_offset is not null"
	# --tz names the zone: the times as written are that zone's
	"$KANSOKU" stats --json --tz +09:00 "$f" >tz.json 2>/dev/null
	grep -q '"utc_offset": "+09:00"' tz.json || bad "$b: --tz +09:00 not applied"
	"$KANSOKU" stats --csv "$f" | cut -d, -f18 | sed -n 2p >plain.txt
	"$KANSOKU" stats --csv --tz +09:00 "$f" | cut -d, -f18 | sed -n 2p | sed 's/+09:00$//' >tz.txt
	cmp -s plain.txt tz.txt || bad "$b: --tz moved the times as written ($(cat plain.txt) vs $(cat tz.txt))"
done
"$KANSOKU" plot "$N" 'CPU/*/User%' -o p.svg 2>/dev/null || bad "plot failed"
grep -q 'zone unknown' p.svg && ! grep -q 'UTC' p.svg || bad "plot: the time axis is labelled UTC"
[ $fail = 0 ] && echo "nmon and a perfmon file without a bias: zone unknown everywhere, --tz names it"
exit $fail
