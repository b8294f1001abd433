#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A recording stopped before its first sample leaves no file behind, and an
# existing file is never replaced without --force.
set -u
. "$(dirname "$0")/lib.sh"
[ -r /proc/stat ] || { echo "no /proc/stat: not Linux"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed (scripts/deps test)"; exit 77; }
"$KANSOKU" record -d 30 -o "$TMP/rec.csv" 2>"$TMP/err" &
rec=$!
i=0
while [ ! -e "$TMP/rec.csv" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$TMP/rec.csv" ] || { echo "the output file was not created at the start"; kill $rec; exit 1; }
kill -INT $rec
wait $rec; rc=$?
[ $rc -eq 0 ] || { echo "exit status $rc"; cat "$TMP/err"; exit 1; }
[ -e "$TMP/rec.csv" ] && { echo "an empty recording was left behind"; exit 1; }
grep -q 'stopped by signal 2 after 0 samples' "$TMP/err" || { cat "$TMP/err"; exit 1; }
echo keep >"$TMP/old.csv"
"$KANSOKU" record -n 1 -d 0.1 -o "$TMP/old.csv" 2>/dev/null && { echo "replaced a file without --force"; exit 1; }
[ "$(cat "$TMP/old.csv")" = keep ] || { echo "the existing file was touched"; exit 1; }
"$KANSOKU" record -n 2 -d 0.1 -f -o "$TMP/old.csv" || exit 1
[ "$(rows "$TMP/old.csv")" -eq 2 ] || { echo "--force: expected 2 rows"; cat "$TMP/old.csv"; exit 1; }
# what was written reads back through the perf reader as an esxtop-style file
"$KANSOKU" stats "$TMP/old.csv" 'Memory/Machine MBytes' --json | grep -q '"format": "esxtop"' ||
	{ echo "the recording does not read back as esxtop PDH-CSV"; exit 1; }
# and the esxtop rules whose meaning carries over to Linux are evaluated on it
"$KANSOKU" check "$TMP/old.csv" --json >"$TMP/check.json" || { echo "check failed on a recording"; exit 1; }
python3 - "$TMP/check.json" <<'PY' || exit 1
import json, sys
ev = {r["rule"] for r in json.load(open(sys.argv[1]))["rules"] if r["status"] == "evaluated"}
want = {"cpu.pcpu", "mem.swapin", "net.droprx", "net.droptx"}
if not want <= ev:
    sys.exit("rules not evaluated on a recording: %s" % sorted(want - ev))
PY
exit 0
