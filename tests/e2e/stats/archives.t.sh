# SPDX-License-Identifier: MIT
# The same file plain, compressed, archived and on stdin gives the same
# statistics; in an archive with several CSVs the first is read unless
# --member picks another. Python's zipfile/tarfile/gzip/bz2/lzma write the
# archives (zstd only when the zstd tool is there).
set -u
A="$FIX/perf/esxgen-small.csv" B="$FIX/perf/glued.csv"
cd "$TMP" || exit 1
cp "$A" a.csv && cp "$B" b.csv
/usr/bin/python3 - <<'PY' || exit 1
import bz2, gzip, lzma, shutil, tarfile, zipfile
data = open("a.csv", "rb").read()
open("a.csv.gz", "wb").write(gzip.compress(data))
open("a.csv.bz2", "wb").write(bz2.compress(data))
open("a.csv.xz", "wb").write(lzma.compress(data))
with zipfile.ZipFile("ab.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write("a.csv"); z.write("b.csv")
for name, mode in (("ab.tar", "w"), ("ab.tar.gz", "w:gz"), ("ba.tar.gz", "w:gz")):
    with tarfile.open(name, mode) as t:
        for f in (("a.csv", "b.csv") if name != "ba.tar.gz" else ("b.csv", "a.csv")):
            t.add(f)
PY
inputs=(a.csv.gz a.csv.bz2 a.csv.xz ab.zip ab.tar ab.tar.gz)
if command -v zstd >/dev/null; then
	zstd -q a.csv -o a.csv.zst && inputs+=(a.csv.zst)
else
	echo "note: zstd is absent: .zst not checked"
fi
"$KANSOKU" stats --csv a.csv 'Vcpu/*/% Ready' >want.csv || exit 1
[ "$(wc -l <want.csv)" -gt 10 ] || { echo "too little output to compare"; exit 1; }
check() {	# label args...
	local label="$1"; shift
	if ! "$KANSOKU" stats --csv "$@" 'Vcpu/*/% Ready' >got.csv 2>err.txt; then
		echo "$label: failed: $(cat err.txt)"; exit 1
	fi
	cmp -s want.csv got.csv || { echo "$label: differs"; diff want.csv got.csv | head -5; exit 1; }
	echo "$label: same"
}
for f in "${inputs[@]}"; do check "$f" "$f"; done
check "stdin" - <a.csv
check "ba.tar.gz --member a.csv" ba.tar.gz --member a.csv
"$KANSOKU" stats ab.tar.gz --member nope.csv >/dev/null 2>err.txt
[ $? -eq 2 ] && grep -q "no member 'nope.csv'" err.txt || { echo "--member nope.csv: $(cat err.txt)"; exit 1; }
echo "missing member: exit 2 with a message"
# default member: the first performance file in archive order (.csv or .nmon,
# as the README says); the others are named in a warning
/usr/bin/python3 - "$FIX" <<'PY' || exit 1
import sys, tarfile, zipfile
fix = sys.argv[1]
with tarfile.open("nc.tar.gz", "w:gz") as t:
    t.add(fix + "/nmon/linux-small.nmon", "linux-small.nmon")
    t.add(fix + "/perf/glued.csv", "dir/glued.csv")
with zipfile.ZipFile("cn.zip", "w") as z:
    z.writestr("notes.txt", "not a performance file\n")
    z.write(fix + "/perf/glued.csv", "glued.csv")
    z.write(fix + "/nmon/linux-small.nmon", "linux-small.nmon")
PY
"$KANSOKU" info nc.tar.gz >info.txt 2>err.txt || { echo "nc.tar.gz: $(cat err.txt)"; exit 1; }
grep -q '^file .*nc.tar.gz:linux-small.nmon' info.txt &&
	grep -q 'holds 1 more performance file (dir/glued.csv): --member NAME reads another' err.txt ||
	{ echo "nc.tar.gz: not the .nmon first, or no warning:"; cat info.txt err.txt; exit 1; }
"$KANSOKU" info cn.zip >info.txt 2>err.txt || { echo "cn.zip: $(cat err.txt)"; exit 1; }
grep -q '^file .*cn.zip:glued.csv' info.txt && grep -q '(linux-small.nmon)' err.txt ||
	{ echo "cn.zip: not the .csv first, or no warning:"; cat info.txt err.txt; exit 1; }
"$KANSOKU" info nc.tar.gz --member glued.csv >info.txt 2>err.txt &&
	grep -q 'nc.tar.gz:dir/glued.csv' info.txt && ! grep -q 'holds' err.txt ||
	{ echo "--member glued.csv: $(cat info.txt err.txt)"; exit 1; }
echo "default member: the first performance file in archive order, the others named"
