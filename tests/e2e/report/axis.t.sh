#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One time axis for inputs in different zones (axis.cjs, in Chromium): a
# Postfix log with classic syslog stamps (no zone) placed with --tz
# FILE=Europe/Berlin beside DNS results in UTC overlaps them, so a zoom on
# one chart zooms all, and every input's events are marked on every chart;
# left as written it lies an hour off: the page says the inputs do not
# overlap and each keeps its own axis. The log's name is hostile markup.
# A page in --tz Europe/Berlin labels times across a DST change at the
# offset then in force.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
. "$HERE/../lib/browser.sh"
[ -e /usr/share/zoneinfo/Europe/Berlin ] || [ -n "${TZDIR:-}" ] ||
	{ echo "no tz database (install tzdata)"; exit 77; }
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/report-axis"
cd "$TMP"
log='mail<i>log&"x'
cp "$FIX/dns/incident-dns.json" dns.json
sed -E 's/^2024-03-12T([0-9:]{8})\.[0-9]+\+01:00/Mar 12 \1/' "$FIX/mail/incident/incident.log" >"$log"
# the same log on the night Berlin's clocks go from 02:00 to 03:00, from 01:55
awk '{ split($3, c, ":"); m = 55 + c[2]; h = 1 + int(m / 60); m %= 60; if (h == 2) h = 3;
	$1 = "Mar"; $2 = "31"; $3 = sprintf("%02d:%02d:%s", h, m, c[3]); print }' "$log" >dst.log
touch -d 2024-04-01 "$log" dst.log
"$KANSOKU" report --tz "$log=Europe/Berlin" "$log" dns.json -o together.html 2>together.err
! grep -q "name no zone" together.err || { cat together.err; exit 1; }
"$KANSOKU" report "$log" dns.json -o apart.html 2>apart.err
grep -qF "$log: its times name no zone: placed as written" apart.err || { cat apart.err; exit 1; }
grep -q 'id="k-time-groups"' apart.html || { echo "no note on inputs that do not overlap"; exit 1; }
# the name only ever escaped in the markup
! grep -qF '<i>log' apart.html || { echo "the file name reached the page unescaped"; exit 1; }
"$KANSOKU" report --tz Europe/Berlin --tz dst.log=Europe/Berlin dst.log -o dst.html 2>dst.err
grep -q "60 samples at times Europe/Berlin skips" dst.err || { cat dst.err; exit 1; }
node "$HERE/axis.cjs" together together.html "$OUT/together"
node "$HERE/axis.cjs" apart apart.html "$OUT/apart"
node "$HERE/axis.cjs" dst dst.html "$OUT/dst"
