#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Bad mail logs through `mail summary` and `mail timeline`: a file that is
# not a log is an error naming its first line (exit 2, no report file);
# inside a log, damage is survived: lines over 1 MiB (no syslog daemon writes
# them; a crash leaves zero-filled blocks) are skipped with one warning
# naming the first, NUL bytes and invalid UTF-8 are read as bytes, JSON stays
# valid UTF-8. An empty log is a log of a quiet day: zero counts, exit 0.
# See README.md here.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP"
L='Apr  9 06:25:26 mx postfix/smtpd[3102]:'
: >empty.log
python3 -c 'import random, sys; r = random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))' >garbage.log
printf '%s connect from a[192.0.2.1]\n%s 4AB12C: client=a[192.0.2.1]\0junk\n' "$L" "$L" >nul.log
printf '%s NOQUEUE: reject: RCPT from a[192.0.2.1]: 554 5.7.1 \xff\xfe bad \303(; from=<x\xff@y> to=<z@w> proto=ESMTP helo=<\xc3>\n' "$L" >utf8.log
# one line of exactly 1 MiB (read), one of 1 MiB + 1 (skipped)
python3 - "$L" <<'PY' >long.log
import sys
head = sys.argv[1] + " warning: "
print(sys.argv[1] + " connect from a[192.0.2.1]")
print(head + "x" * (1048576 - len(head)))
print(head + "y" * (1048577 - len(head)))
print(sys.argv[1] + " connect from b[192.0.2.2]")
PY
{ printf '%s connect from a[192.0.2.1]\n' "$L"; head -c 2000000 /dev/zero; } >zero-tail.log
# a reject line cut after " from " (once a NULL read in the reject reasons)
printf '%s 9FA67B: reject: RCPT from unknown[203.0.113.9] status=bounced\n' "$L" >cut-reject.log

for sub in summary timeline; do
	p="kansoku mail $sub"
	args=(--year 2024)
	[ $sub = timeline ] && args+=(--json)
	expect "$sub garbage" 2 "$p: \$TMP/garbage.log:1: not a mail log: expected a syslog timestamp such as 'Apr  9 06:25:26' or '2024-04-09T06:25:26+02:00'" \
		--stdout-empty -- mail $sub "${args[@]}" "$TMP/garbage.log"
	expect "$sub empty" 0 "" -- mail $sub "${args[@]}" "$TMP/empty.log"
	expect "$sub NUL" 0 "" -- mail $sub "${args[@]}" "$TMP/nul.log"
	expect "$sub invalid UTF-8" 0 "" -- mail $sub "${args[@]}" "$TMP/utf8.log"
	expect "$sub 1 MiB lines" 0 "$p: warning: \$TMP/long.log:3: 1 line longer than 1048576 bytes skipped (a damaged file?)" \
		-- mail $sub "${args[@]}" "$TMP/long.log"
	expect "$sub zero-filled tail" 0 "$p: warning: \$TMP/zero-tail.log:2: 1 line longer than 1048576 bytes skipped (a damaged file?)" \
		-- mail $sub "${args[@]}" "$TMP/zero-tail.log"
	expect "$sub cut reject line" 0 "" -- mail $sub "${args[@]}" "$TMP/cut-reject.log"
	expect "$sub missing file" 2 "$p: cannot open '\$TMP/nope.log': No such file or directory" --stdout-empty \
		-- mail $sub "${args[@]}" "$TMP/nope.log"
done
expect "timeline report, not a log" 2 "kansoku mail timeline: \$TMP/garbage.log:1: not a mail log: expected a syslog timestamp such as 'Apr  9 06:25:26' or '2024-04-09T06:25:26+02:00'" \
	--out "$TMP/t.html" -- mail timeline "$TMP/garbage.log" -o "$TMP/t.html"

# what the long-line log counts: 4 lines, the 1 MiB one read, the longer one not
expect "summary 1 MiB lines, JSON" 0 "kansoku mail summary: warning: \$TMP/long.log:3: 1 line longer than 1048576 bytes skipped (a damaged file?)" \
	-- mail summary --json --year 2024 "$TMP/long.log"
last_stdout | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert (d["lines"], d["postfix_lines"], d["unparsed_lines"]) == (4, 3, 1), d' ||
	{ echo "FAIL long lines counted wrong"; fails=$((fails + 1)); }
# hostile bytes stay out of JSON: it decodes as strict UTF-8
expect "summary invalid UTF-8, JSON" 0 "" -- mail summary --json --year 2024 "$TMP/utf8.log"
last_stdout | python3 -c '
import json, sys
d = json.loads(sys.stdin.buffer.read().decode("utf-8"))
assert d["totals"]["rejected"] == 1, d["totals"]' ||
	{ echo "FAIL JSON of invalid UTF-8"; fails=$((fails + 1)); }
finish
