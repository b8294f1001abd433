#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# valgrind memcheck over the performance-file commands on small fixtures,
# successes and errors alike (error paths are where memory is forgotten).
set -u
. "$(dirname "$0")/lib.sh"
P="$FIX/perf" R="$FIX/render/esx-small.csv"
vg "stats" 0 stats "$P/quirks.csv"
vg "stats --json, glued" 0 stats --json "$P/glued.csv" 'Group Cpu/*'
vg "stats cp1251" 0 stats "$P/cp1251.csv"
vg "info" 0 info "$P/dups.csv"
vg "info --json" 0 info --json "$R"
vg "tree" 0 tree "$R"
vg "export csv -o" 0 export "$P/glued.csv" -o "$TMP/out.csv"
vg "export openmetrics" 0 export -f openmetrics "$P/dups.csv"
vg "export influx" 0 export -f influx "$P/glued.csv"
vg "check" 0 check "$R"
vg "check --rules" 0 check "$P/quirks.csv" --rules "$FIX/check/perfmon.rules"
vg "plot svg" 0 plot "$R" 'Group Cpu/*/% Ready' -o "$TMP/p.svg"
vg "plot png" 0 plot "$R" 'Group Cpu/*/% Ready' -o "$TMP/p.png" --width 300 --height 200
vg "plot terminal" 0 plot "$R" 'Group Cpu/*/% Ready' --term
vg "report" 0 report "$R" -o "$TMP/r.html"
vg "nmon stats" 0 stats "$FIX/nmon/linux-small.nmon"
vg "nmon AIX tree" 0 tree "$FIX/nmon/aix-v8b-small.nmon"
[ -r /proc/stat ] && vg "record two samples" 0 record -d 0.2 -n 2 -o "$TMP/rec.csv"
# archives: names libarchive owns must not be read after the archive is closed
/usr/bin/python3 - "$P" "$FIX/nmon" "$TMP" <<'PY' || exit 1
import sys, tarfile, zipfile
p, n, tmp = sys.argv[1:]
with zipfile.ZipFile(tmp + "/q.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write(p + "/quirks.csv", "quirks.csv"); z.write(p + "/glued.csv", "glued.csv")
with tarfile.open(tmp + "/q.tar.gz", "w:gz") as t:
    t.add(n + "/linux-small.nmon", "linux-small.nmon"); t.add(p + "/dups.csv", "dups.csv")
PY
for cmd in info "info --json" tree stats check; do
	vg "$cmd zip" 0 $cmd "$TMP/q.zip"
	vg "$cmd tar.gz" 0 $cmd "$TMP/q.tar.gz"
done
vg "zip --member" 0 info "$TMP/q.zip" --member glued.csv
vg "report zip" 0 report "$TMP/q.zip" -o "$TMP/z.html"
# every performance fixture, through the commands that read all of a file
for f in "$P"/*.csv "$FIX"/nmon/*.nmon "$FIX"/render/*.csv; do
	[ "$f" = "$P/notpdh.csv" ] && continue
	date=()
	[ "$f" = "$P/cr-timeonly.csv" ] && date=(--date 2015-03-26)	# times without a date
	for cmd in info stats check; do
		vg "$cmd ${f#$FIX/}" 0 $cmd "$f" "${date[@]}"
	done
done
vg "times without a date, no --date" 2 stats "$P/cr-timeonly.csv"
vg "selects nothing, with suggestions" 2 stats "$P/esx-help.csv" 'Vcpu/*/% Redy'
vg "two files apart in one report" 0 report "$P/esx-help.csv" "$P/vdisk-names.csv" -o "$TMP/two.html"
# errors
printf '"(PDH-CSV 4.0) (UTC)(0)","\\\\h\\Memory\\Free"\n' >"$TMP/header.csv"
vg "header only" 2 stats "$TMP/header.csv"
vg "not a performance file" 2 info "$P/notpdh.csv"
vg "no such file" 2 export "$TMP/nope.csv" -o "$TMP/x.csv"
vg "bad rules" 2 check "$R" --rules "$FIX/check/bad.rules"
vg "selects nothing" 2 plot "$R" 'Nothing/*' -o "$TMP/n.svg"
vg "bad regex" 2 stats "$R" --regex '('
finish
