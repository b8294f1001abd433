# SPDX-License-Identifier: MIT
# Reading on several threads (workers read chunks of lines in turn and
# parse them at the same time, the calling thread decides times and order
# and moves blocks of rows into the dataset) gives byte for byte what one
# thread gives: statistics, exports,
# warnings and the line numbers of skipped rows. KANSOKU_BLOCK_ROWS makes
# blocks of a few rows so that small files cross many block boundaries,
# with damaged rows on either side of them.
set -u
cd "$TMP" || exit 1
/usr/bin/python3 - <<'PY' || exit 1
import random
random.seed(22)
hdr = '"(PDH-CSV 4.0) (UTC)(0)","\\\\h\\Memory\\Free MBytes","\\\\h\\Group Cpu(1:a,b)\\% Used","\\\\h\\Vcpu(1:a:2:w)\\% Ready"\r\n'
rows = []
for i in range(200):
    t = "12/07/2026 %02d:%02d:%02d" % (i // 3600, (i // 60) % 60, i % 60)
    cells = ["%.2f" % random.uniform(0, 1000), "%.2f" % random.uniform(-5, 100), random.choice(["0.00", "", "12345678.5", "1e3", "-0.00"])]
    row = ",".join('"%s"' % c for c in [t] + cells)
    k = i % 37
    if k == 8: row = row.rsplit(",", 1)[0]                      # a field short
    if k == 9: row = row.replace("12/07/2026", "12/07/20x6")    # a bad time
    if k == 16: row = '"12/06/2026 00:00:00","1","2","3"'       # time goes back
    if k == 17: row = row[:20] + "\0\0\0" + row[23:]             # NUL bytes
    if k == 24: row = '"' + t + '","1,5","x","7"'                # quoted comma: a missing cell
    if k == 25: row = ""                                          # blank line
    rows.append(row)
open("damaged.csv", "w", newline="").write(hdr + "\r\n".join(rows) + "\r\n")
open("one-row.csv", "w", newline="").write(hdr + rows[0] + "\r\n")
# an error (a time without its date) after blocks went to the second thread
open("nodate.csv", "w").write(hdr + "\n".join(rows[:50] + ['"10:01:00","1","2","3"']) + "\n")
PY
fail=0
check() {	# name args...
	local name="$1"; shift
	KANSOKU_THREADS=1 "$KANSOKU" "$@" >"$name.1" 2>"$name.1e"; echo "exit $?" >>"$name.1e"
	for rows in 1 7 64; do
		KANSOKU_THREADS=2 KANSOKU_BLOCK_ROWS=$rows "$KANSOKU" "$@" >"$name.2" 2>"$name.2e"
		echo "exit $?" >>"$name.2e"
		if ! cmp -s "$name.1" "$name.2" || ! cmp -s "$name.1e" "$name.2e"; then
			echo "differs with two threads, blocks of $rows rows: kansoku $*"
			diff "$name.1" "$name.2" | head -5; diff "$name.1e" "$name.2e" | head -5
			fail=1
		fi
	done
}
for f in damaged.csv one-row.csv "$FIX"/perf/esxgen-small.csv "$FIX"/perf/quirks.csv \
	 "$FIX"/perf/windows-leak.csv "$FIX"/perf/cr-timeonly.csv; do
	b=$(basename "$f")
	check "$b.info" info "$f"
	check "$b.stats" stats --csv "$f"
	check "$b.export" export --long "$f"
done
# compressed input: decompressed on the reading thread; a cut stream too
/usr/bin/python3 -c '
import gzip, sys
d = open(sys.argv[1], "rb").read()
open("small.csv.gz", "wb").write(gzip.compress(d))
open("cut.csv.gz", "wb").write(gzip.compress(d)[:len(d) // 20])' "$FIX"/perf/esxgen-small.csv || exit 1
check gz stats --csv small.csv.gz
check cutgz stats --csv cut.csv.gz
check nodate stats nodate.csv
grep -q "nodate.csv:52: the times have no date" nodate.1e || { echo "no error for nodate.csv"; cat nodate.1e; fail=1; }
check cr-date stats --date 2026-12-07 "$FIX"/perf/cr-timeonly.csv
# the damaged file's warnings are really there (the comparison is not of two empty outputs)
grep -q "wrong number of fields" damaged.csv.info.1e || { echo "no warning for damaged.csv"; cat damaged.csv.info.1e; fail=1; }
[ "$(wc -l <damaged.csv.export.1)" -gt 300 ] || { echo "too little output to compare"; fail=1; }
for f in "$SHARED"/esxtop/*.csv; do
	[ -f "$f" ] || { echo "note: ../shared is absent: real files not checked"; break; }
	check "$(basename "$f").stats" stats --csv "$f"
done
exit $fail
