#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Traditional stamps whose dates jump back (parts of logs joined out of
# order): the year moves only at a real New Year, and the jumps are reported
# once on stderr instead of being turned into years.
set -u
line() { printf '%s 10:00:00 mx postfix/qmgr[9]: 1A%04d: removed\n' "$1" "$2"; }
{
	line "Nov 22" 1; line "Dec 30" 2; line "Jan  3" 3; line "Sep 10" 4
	line "Feb  3" 5; line "Sep 10" 6; line "Mar  1" 7; line "Nov 22" 8
} >"$TMP/log"
"$KANSOKU" mail summary --year 2025 "$TMP/log" >"$TMP/out" 2>"$TMP/err" || exit 1
grep -q '^from 2025-11-22 10:00:00 to 2026-11-22 10:00:00 ' "$TMP/out" || { cat "$TMP/out"; echo "wrong span"; exit 1; }
[ "$(grep -c 'the date goes back' "$TMP/err")" -eq 1 ] || { cat "$TMP/err"; echo "no single warning"; exit 1; }
grep -q "log: the date goes back 2 times (first from 2026-09-10 to 02-03), not at New Year" "$TMP/err" ||
	{ cat "$TMP/err"; echo "warning text"; exit 1; }
