#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Inputs in different zones on one time axis: a Postfix log with classic
# syslog stamps (no zone, no year) beside DNS results in UTC. As written it
# is placed as if UTC, with a warning, and does not overlap the DNS run (said
# before the table); --tz FILE=ZONE places it, DST-aware, and the findings
# of both are then at the same time. The log is the incident log rewritten
# to classic stamps; its modification time gives the year.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -e /usr/share/zoneinfo/Europe/Berlin ] || [ -n "${TZDIR:-}" ] ||
	{ echo "no tz database (install tzdata)"; exit 77; }
cd "$TMP" || exit 1
cp "$FIX/dns/incident-dns.json" dns.json
# 10:00:00+01:00 -> "Mar 12 10:00:00"; the DST copy runs from 01:55 on the night the
# clocks go from 02:00 to 03:00 (Europe/Berlin), as a syslog there writes it
sed -E 's/^2024-03-12T([0-9:]{8})\.[0-9]+\+01:00/Mar 12 \1/' "$FIX/mail/incident/incident.log" >maillog
awk '{ split($3, c, ":"); m = 55 + c[2]; h = 1 + int(m / 60); m %= 60; if (h == 2) h = 3;
	$1 = "Mar"; $2 = "31"; $3 = sprintf("%02d:%02d:%s", h, m, c[3]); print }' maillog >maillog-dst
touch -d 2024-04-01 maillog maillog-dst
# an esxtop file whose header names no zone (the "(UTC)(0)" cell cut off)
sed '1s/ (UTC)(0)"/"/' "$FIX/perf/esx-help.csv" >esx-nozone.csv
. "$HERE/lib.sh"

expect zones-as-written 0 check maillog dns.json
expect zones-file 0 check --tz maillog=Europe/Berlin maillog dns.json
expect zones-file-utc 0 check --tz UTC --tz ./maillog=Europe/Berlin maillog dns.json
expect zones-dst 0 export --tz UTC --tz maillog-dst=Europe/Berlin maillog-dst mail/received
expect zones-pdh 0 stats --tz UTC --tz esx-nozone.csv=Asia/Tokyo esx-nozone.csv 'Physical Cpu(_Total)/% Core Util Time'
expect zones-pdh-mixed 0 check esx-nozone.csv dns.json
expect zones-bad 2 check --tz maillog=Mars/Olympus_Mons maillog dns.json
expect zones-unused 0 check --tz other.log=UTC --tz dns.json=UTC dns.json maillog 'dns/*/loss'
# --json: "time_group" says which sources share a time axis (as the text's first line)
groups() {	# args...: prints each source's "name:group"
	"$KANSOKU" check --json "$@" 2>/dev/null | python3 -c 'import json, sys
print(" ".join("%s:%s" % (s["source"], s.get("time_group")) for s in json.load(sys.stdin)["sources"]))'
}
if command -v python3 >/dev/null; then
	got=$(groups maillog dns.json)
	[ "$got" = "maillog:1 dns.json:0" ] || { echo "time groups as written: $got"; fail=1; }
	got=$(groups --tz maillog=Europe/Berlin maillog dns.json)
	[ "$got" = "maillog:0 dns.json:0" ] || { echo "time groups placed: $got"; fail=1; }
fi
exit $fail
