# Every selection shown in the performance commands' --help, and every
# SPDX-License-Identifier: MIT
# performance-file example of the README, is run: on a small esxtop file
# (esx-help.csv) with the counters they name, each must select something and
# exit 0. Copying an example from the help must work.
set -u
F="$FIX/perf/esx-help.csv" fail=0
cd "$TMP" || exit 1
pats="$(for c in stats plot report export tree; do "$KANSOKU" $c --help 2>&1; done |
	sed -n "/SELECT patterns/,/paths of a file/p" | grep -o "'[^']*'" | tr -d "'" | grep -v '^kansoku ' | sort -u)"
[ "$(printf '%s\n' "$pats" | wc -l)" -ge 5 ] || { echo "too few help examples found: $pats"; exit 1; }
while IFS= read -r p; do
	out="$("$KANSOKU" stats --csv "$F" "$p" 2>err.txt)"
	n=$(($(printf '%s\n' "$out" | wc -l) - 1))
	if [ -s err.txt ] || [ $n -lt 1 ]; then
		echo "FAIL help example '$p': $n metrics; $(cat err.txt)"; fail=1
	else
		echo "help example '$p': $n metrics"
	fi
done <<<"$pats"
cp "$F" esxperf.csv && cp "$F" esx01.csv && gzip -c "$F" >esx02.csv.gz && cp "$F" host.csv
/usr/bin/python3 - "$FIX/../../README.md" >readme-cmds.txt <<'PY' || exit 1
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"    kansoku (stats|plot|export|tree|report|info|check) (.*)", line.rstrip("\n"))
    if not m or not re.search(r"\b(esxperf|esx01|host)\.csv\b", m.group(2)) or "|" in m.group(2) \
            or ".tar.gz" in m.group(2):
        continue
    print(m.group(1) + " " + re.sub(r"\s+#.*$", "", m.group(2)).replace("--fail-on critical", ""))
PY
[ "$(wc -l <readme-cmds.txt)" -ge 6 ] || { echo "too few README examples found"; cat readme-cmds.txt; exit 1; }
while IFS= read -r cmd; do
	eval "\"\$KANSOKU\" $cmd" >out.txt 2>err.txt </dev/null
	rc=$?
	if [ $rc -ne 0 ] || grep -q 'selects no metric' err.txt; then
		echo "FAIL README example 'kansoku $cmd': exit $rc; $(head -3 err.txt)"; fail=1
	else
		echo "README example 'kansoku $cmd': ok"
	fi
done <readme-cmds.txt
exit $fail
