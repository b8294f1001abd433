#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Bad performance files (PDH-CSV and nmon) through every command that reads
# them: the exact message (file and line), exit status 2 for input errors, no
# partial output file; what a reader tolerates (a cut last row, a row with
# the wrong number of fields, times going back, NUL bytes in a row) is one
# warning naming the first line, and the rest is read. See README.md here.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP"
H='"(PDH-CSV 4.0) (UTC)(0)","\\h\Memory\Free MBytes","\\h\Physical Cpu(_Total)\% Util Time"'
row() { printf '"01/02/2024 10:00:%02d","%s","%s"\n' "$1" "$2" "$3"; }

: >empty.csv
printf '%s\n' "$H" >header.csv
{ printf '%s\n' "$H"; row 0 1 2; row 5 3 4; printf '"01/02/2024 10:00:10","5'; } >cut.csv
python3 -c 'import random, sys; r = random.Random(11); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))' >garbage.csv
{ printf '%s\n' "$H"; row 0 1 2; printf '"01/02/2024 10:00:05","3\0","4"\n'; row 10 5 6; } >nul-row.csv
{ printf '%s\n' "$H"; row 0 1 2; row 5 3 4; head -c 8192 /dev/zero; } >zero-tail.csv
printf '"(PDH-CSV 4.0) (UTC)(0)","\\\\h\\Mem\0ory\\Free MBytes"\n"01/02/2024 10:00:00","1"\n' >nul-header.csv
{ printf '%s\n' "$H"; row 0 1 2; echo '"01/02/2024 10:00:05","3","4","5","6"'; echo '"01/02/2024 10:00:10","5"'; row 15 7 8; } >columns.csv
{ printf '%s\n' "$H"; echo '"01/02/2024 10:00:05","3","4","5"'; echo '"01/02/2024 10:00:10","5"'; } >columns-all.csv
{ printf '%s\n' "$H"; row 10 1 2; row 5 3 4; row 10 5 6; row 0 7 8; row 15 9 10; } >order.csv
{ printf '%s\n' "$H"; echo '"yesterday","1","2"'; echo '"13/45/2024 10:00:00","1","2"'; } >badtime.csv
printf '"(PDH-CSV 4.0) (UTC)(0)","\\\\h\\Mem\303(ory\\Free MBytes"\n"01/02/2024 10:00:00","1"\n' >utf8.csv

# an input no reader knows: the other kinds kansoku reads are named too
KINDS='kansoku reads performance files (esxtop, perfmon, nmon), captures (pcap, pcapng), Postfix logs and DNS benchmark results (dns bench --json)'
NOT_PERF='not a performance file kansoku reads (expected a PDH-CSV header "(PDH-CSV 4.0) ..." as written by esxtop -b or perfmon, or nmon'"'"'s "AAA,..." lines); '"$KINDS"

for cmd in stats info export check report plot tree; do
	args=() out=""
	case $cmd in
	export) out="$TMP/out.csv"; args=(-o "$out") ;;
	report) out="$TMP/out.html"; args=(-o "$out") ;;
	plot) out="$TMP/out.svg"; args=("*" -o "$out") ;;
	esac
	o=(--out "${out:-$TMP/none}")
	p="kansoku $cmd"
	expect "$cmd empty" 2 "$p: \$TMP/empty.csv: empty input, expected a performance file; $KINDS" \
		"${o[@]}" --stdout-empty -- $cmd "$TMP/empty.csv" "${args[@]}"
	expect "$cmd garbage" 2 "$p: \$TMP/garbage.csv:1: $NOT_PERF" \
		"${o[@]}" --stdout-empty -- $cmd "$TMP/garbage.csv" "${args[@]}"
	expect "$cmd NUL in the header" 2 \
		"$p: \$TMP/nul-header.csv:1: NUL byte in the header at byte 34 (damaged or not a text file)" \
		"${o[@]}" --stdout-empty -- $cmd "$TMP/nul-header.csv" "${args[@]}"
	if [ $cmd = tree ]; then
		# tree reads the header only: a file without rows still has its metrics
		expect "tree header only" 0 "" -- tree "$TMP/header.csv"
		continue
	fi
	expect "$cmd header only" 2 "$p: \$TMP/header.csv:1: no data rows after the header" \
		"${o[@]}" --stdout-empty -- $cmd "$TMP/header.csv" "${args[@]}"
	expect "$cmd every row with wrong fields" 2 \
		"$p: \$TMP/columns-all.csv:2: 2 rows with a wrong number of fields skipped (expected 3, first found 4): no data row left" \
		"${o[@]}" --stdout-empty -- $cmd "$TMP/columns-all.csv" "${args[@]}"
	expect "$cmd every time bad" 2 \
		"$p: \$TMP/badtime.csv:2: 2 rows with a time that is not MM/DD/YYYY HH:MM:SS skipped: no data row left" \
		"${o[@]}" --stdout-empty -- $cmd "$TMP/badtime.csv" "${args[@]}"
	# tolerated: one warning naming the first line, the rest is read
	expect "$cmd cut last row" 0 "$p: warning: \$TMP/cut.csv:4: the last row is cut short (2 of 3 fields): skipped" \
		-- $cmd "$TMP/cut.csv" "${args[@]}"
	expect "$cmd NUL in a row" 0 "$p: warning: \$TMP/nul-row.csv:3: 1 row with NUL bytes skipped (damaged file?)" \
		-- $cmd "$TMP/nul-row.csv" "${args[@]}"
	expect "$cmd zero-filled tail" 0 "$p: warning: \$TMP/zero-tail.csv:4: 1 row with NUL bytes skipped (damaged file?)" \
		-- $cmd "$TMP/zero-tail.csv" "${args[@]}"
	expect "$cmd column count changes" 0 \
		"$p: warning: \$TMP/columns.csv:3: 2 rows with a wrong number of fields skipped (expected 3, first found 5)" \
		-- $cmd "$TMP/columns.csv" "${args[@]}"
	expect "$cmd times going back" 0 \
		"$p: warning: \$TMP/order.csv:3: 2 rows with a time earlier than the row before skipped" \
		-- $cmd "$TMP/order.csv" "${args[@]}"
	expect "$cmd invalid UTF-8 in a name" 0 "" -- $cmd "$TMP/utf8.csv" "${args[@]}"
done

# what was kept, exactly: times going back are dropped, a repeated time stays
expect "export order" 0 "kansoku export: warning: \$TMP/order.csv:3: 2 rows with a time earlier than the row before skipped" \
	-- export "$TMP/order.csv"
want='time,Memory/Free MBytes,Physical Cpu/_Total/% Util Time
2024-01-02T10:00:10Z,1,2
2024-01-02T10:00:10Z,5,6
2024-01-02T10:00:15Z,9,10'
[ "$(last_stdout)" = "$want" ] || { echo "FAIL export order kept:"; last_stdout; fails=$((fails + 1)); }
expect "info order" 0 "kansoku info: warning: \$TMP/order.csv:3: 2 rows with a time earlier than the row before skipped" \
	-- info "$TMP/order.csv"
last_stdout | grep -qx 'skipped     2 rows (wrong number of fields 0, bad time 0, time going back 2)' ||
	{ echo "FAIL info order: no 'skipped' line"; last_stdout; fails=$((fails + 1)); }
# invalid UTF-8 becomes U+FFFD: the output is valid UTF-8
expect "tree invalid UTF-8" 0 "" -- tree "$TMP/utf8.csv" --json
last_stdout | python3 -c 'import json, sys; d = sys.stdin.buffer.read().decode("utf-8"); assert "Mem\ufffd(ory" in d, d' ||
	{ echo "FAIL tree invalid UTF-8: not replaced"; fails=$((fails + 1)); }
expect "info invalid UTF-8" 0 "" -- info "$TMP/utf8.csv"
last_stdout | grep -q 'names in invalid utf-8 replaced' || { echo "FAIL info: encoding not reported"; fails=$((fails + 1)); }

# nmon: the same damage in its own format
N="$FIX/nmon/linux-small.nmon"
head -10 "$N" >nm-header.nmon
{ head -13 "$N"; printf 'CPU001,T0001,1\0,2,3,4,5\n'; sed -n '15,$p' "$N"; } >nm-nul.nmon
{ head -12 "$N"; echo 'ZZZZ,T0001,10:24:56,18-AUG-2015'; sed -n 14,19p "$N"; echo 'ZZZZ,T0002,10:24:26,18-AUG-2015'; sed -n '21,$p' "$N"; } >nm-order.nmon
head -c -5 "$N" >nm-cut.nmon
printf 'AAA,progname,nmon\n' >nm-aaa.nmon
python3 -c 'import random, sys; r = random.Random(5); sys.stdout.buffer.write(b"AAA,progname,nmon\n" + bytes(r.randrange(256) for _ in range(4096)))' >nm-garbage.nmon
# warnings the fixture itself gives (it skips a snapshot and ends early)
W2="kansoku stats: warning: \$TMP/%s: 1 snapshot missing from the Tnnnn sequence (the first after T0002)
kansoku stats: warning: \$TMP/%s:25: the last snapshot T0004 has 1 of 6 section lines (file cut short?); its other values are missing
kansoku stats: warning: \$TMP/%s: 2 values written as -1 or nan (nmon's \"not available\") read as missing"
for f in nm-header nm-aaa nm-garbage; do
	expect "nmon $f" 2 "kansoku stats: \$TMP/$f.nmon: no snapshot with a time (ZZZZ line) found" \
		--stdout-empty -- stats "$TMP/$f.nmon"
done
expect "nmon NUL in a line" 0 "kansoku stats: warning: \$TMP/nm-nul.nmon:14: line with a NUL byte (damaged file?) (1 such line ignored)
$(printf "$W2" nm-nul.nmon nm-nul.nmon nm-nul.nmon | sed 's/1 of 6 section/1 of 5 section/')" -- stats "$TMP/nm-nul.nmon"
expect "nmon times going back" 0 "kansoku stats: warning: \$TMP/nm-order.nmon:20: 1 snapshot not later than the one before; dropped
$(printf "$W2" nm-order.nmon nm-order.nmon nm-order.nmon)" -- stats "$TMP/nm-order.nmon"
expect "nmon cut" 0 "kansoku stats: warning: \$TMP/nm-cut.nmon:26: the last line has no end (file cut short?); it is ignored
kansoku stats: warning: \$TMP/nm-cut.nmon:25: 1 snapshot with a ZZZZ time line but no values; dropped
kansoku stats: warning: \$TMP/nm-cut.nmon: 1 snapshot missing from the Tnnnn sequence (the first after T0002)
kansoku stats: warning: \$TMP/nm-cut.nmon:20: the last snapshot T0002 has 3 of 6 section lines (file cut short?); its other values are missing
kansoku stats: warning: \$TMP/nm-cut.nmon: 2 values written as -1 or nan (nmon's \"not available\") read as missing" -- stats "$TMP/nm-cut.nmon"

# rules files of `check --rules`
C="$TMP/order.csv"
: >empty.rules
python3 -c 'import random, sys; r = random.Random(3); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(512)))' >garbage.rules
printf 'rule my.mem counter="Free MBytes" warning<1\0\n' >nul.rules
python3 -c 'print("# " + "x" * 70000)' >long.rules
expect "rules empty" 0 "kansoku check: warning: \$TMP/order.csv:3: 2 rows with a time earlier than the row before skipped" \
	-- check "$C" --rules "$TMP/empty.rules"
expect "rules garbage" 2 "kansoku check: \$TMP/garbage.rules:1: unexpected character '\\xbd' after 'yB'" \
	--stdout-empty -- check "$C" --rules "$TMP/garbage.rules"
expect "rules NUL" 2 "kansoku check: \$TMP/nul.rules:1: NUL byte in a rules file" \
	--stdout-empty -- check "$C" --rules "$TMP/nul.rules"
expect "rules long line" 2 "kansoku check: \$TMP/long.rules:1: line longer than 65536 bytes" \
	--stdout-empty -- check "$C" --rules "$TMP/long.rules"
# a message quoting hostile input cannot drive the terminal: escapes are shown as \x1b
printf 'rule x\033]0;pwned\007 counter=a warning>1\n' >escape.rules
expect "rules terminal escape" 2 "kansoku check: \$TMP/escape.rules:1: unexpected character '\\x1b' after 'x'" \
	--stdout-empty -- check "$C" --rules "$TMP/escape.rules"
finish
