#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A gzip'ed nmon file cut short in the middle of its compressed stream (a copy
# interrupted, a disk that filled up): kansoku keeps every complete snapshot
# before the cut, says where the input ended, and exits 0.
set -u
command -v python3 >/dev/null || { echo "python3 is not installed (scripts/deps test)"; exit 77; }
python3 - "$TMP/run.nmon" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1], "w") as f:
    f.write("AAA,progname,nmon\nAAA,host,cut1\nAAA,date,01-MAR-2021\nAAA,snapshots,20000\n")
    f.write("CPU_ALL,CPU Total cut1,User%,Sys%,Wait%,Idle%,Busy,CPUs\n")
    f.write("DISKBUSY,Disk %Busy cut1," + ",".join("sd%s" % c for c in "abcdefgh") + "\n")
    for n in range(1, 20001):
        h, m, s = (n * 4) // 3600, (n * 4) // 60 % 60, (n * 4) % 60
        f.write("ZZZZ,T%05d,%02d:%02d:%02d,01-MAR-2021\n" % (n, h, m, s))
        u = random.uniform(0, 90)
        f.write("CPU_ALL,T%05d,%.1f,2.0,0.5,%.1f,,4\n" % (n, u, 97.5 - u))
        f.write("DISKBUSY,T%05d,%s\n" % (n, ",".join("%.1f" % random.uniform(0, 100) for _ in range(8))))
PY
gzip -9 -c "$TMP/run.nmon" >"$TMP/full.gz"
size=$(stat -c %s "$TMP/full.gz")
head -c $((size / 2)) "$TMP/full.gz" >"$TMP/cut.nmon.gz"
"$KANSOKU" stats "$TMP/cut.nmon.gz" 'CPU/_Total/User%' --csv >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] || { echo "exit status $rc"; cat "$TMP/err"; exit 1; }
grep -q 'the snapshots read before it are kept' "$TMP/err" || { echo "no warning about the cut:"; cat "$TMP/err"; exit 1; }
n=$(awk -F, 'NR==2 {print $9}' "$TMP/out")
[ -n "$n" ] && [ "$n" -gt 100 ] && [ "$n" -lt 20000 ] || { echo "unexpected sample count '$n'"; cat "$TMP/out"; exit 1; }
# every kept snapshot is complete: the same values as the uncut file's first n snapshots
head -n $((6 + 3 * n)) "$TMP/run.nmon" >"$TMP/first.nmon"
"$KANSOKU" stats "$TMP/first.nmon" 'CPU/_Total/User%' --csv >"$TMP/want" 2>/dev/null
cmp -s "$TMP/out" "$TMP/want" || { echo "kept snapshots differ from the uncut file:"; diff "$TMP/want" "$TMP/out"; exit 1; }
exit 0
