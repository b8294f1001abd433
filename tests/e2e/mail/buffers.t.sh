#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One log read every way it can be read gives the same summary and timeline:
# a plain file (its buffers handed whole to the summarising thread), stdin, a
# pipe and gzip (the last two through libarchive), CRLF line ends, and the same log cut in three
# files given out of order (lines copied while merged). The log is several
# reader buffers long and holds a 400 KB record and a 1.5 MB line (skipped).
set -u
GEN="$(dirname "$0")/../../../bench/gen_maillog.py"
python3 "$GEN" --bytes 4000000 --seed 11 >"$TMP/gen" || exit 1
{
	head -n 20000 "$TMP/gen"
	printf 'Dec 30 23:00:00 mx1 postfix/smtpd[77]: warning: %s\n' "$(head -c 400000 /dev/zero | tr '\0' x)"
	sed -n '20001,25000p' "$TMP/gen"
	printf 'Dec 30 23:30:00 mx1 %s\n' "$(head -c 1500000 /dev/zero | tr '\0' y)"
	tail -n +25001 "$TMP/gen"
} >"$TMP/log"
n=$(wc -l <"$TMP/log")
[ "$(stat -c %s "$TMP/log")" -gt 5000000 ] || { echo "generated log too small"; exit 1; }
sed 's/$/\r/' "$TMP/log" >"$TMP/crlf"
gzip -c "$TMP/log" >"$TMP/log.gz"
head -n $((n / 3)) "$TMP/log" >"$TMP/part1"
sed -n "$((n / 3 + 1)),$((2 * n / 3))p" "$TMP/log" >"$TMP/part2"
tail -n +$((2 * n / 3 + 1)) "$TMP/log" >"$TMP/part3"

# everything but the list of files, which differs by design
summary() { "$KANSOKU" mail summary --json --year 2025 "$@" 2>"$TMP/err" | sed '/"files"/,/\]/d'; }
timeline() { "$KANSOKU" mail timeline --json --year 2025 "$@" 2>/dev/null | sed '/"files"/,/\]/d'; }

summary "$TMP/log" >"$TMP/plain.json" || { echo "summary failed"; cat "$TMP/err"; exit 1; }
grep -q "log:25002: 1 line longer than 1048576 bytes skipped" "$TMP/err" ||
	{ echo "the long line was not reported as expected:"; cat "$TMP/err"; exit 1; }
grep -q '"delivered": [1-9]' "$TMP/plain.json" || { echo "no deliveries counted"; exit 1; }
fail=0
check() {	# name file
	if ! cmp -s "$TMP/plain.json" "$2"; then
		echo "$1 summarises differently from the plain file:"
		diff "$TMP/plain.json" "$2" | head -10
		fail=1
	fi
}
summary - <"$TMP/log" >"$TMP/stdin.json"; check stdin "$TMP/stdin.json"
cat "$TMP/log" | summary - >"$TMP/pipe.json"; check "a pipe" "$TMP/pipe.json"
summary "$TMP/log.gz" >"$TMP/gz.json"; check gzip "$TMP/gz.json"
summary "$TMP/crlf" >"$TMP/crlf.json"; check CRLF "$TMP/crlf.json"
summary "$TMP/part3" "$TMP/part1" "$TMP/part2" >"$TMP/parts.json"; check "three parts" "$TMP/parts.json"
# stdin redirected from a file is read from where it stands, like cat reads it
lines=$( (head -n 1 >/dev/null; "$KANSOKU" mail summary --json --year 2025 - 2>/dev/null) <"$TMP/log" |
	sed -n 's/^  "lines": \([0-9]*\),$/\1/p')
[ "$lines" = "$((n - 1))" ] || { echo "stdin after its first line: $lines lines read, expected $((n - 1))"; fail=1; }
timeline "$TMP/log" >"$TMP/t-plain.json"
timeline "$TMP/part2" "$TMP/part3" "$TMP/part1" >"$TMP/t-parts.json"
if ! cmp -s "$TMP/t-plain.json" "$TMP/t-parts.json"; then
	echo "the timeline of three parts differs from the plain file's:"
	diff "$TMP/t-plain.json" "$TMP/t-parts.json" | head -10
	fail=1
fi
exit $fail
