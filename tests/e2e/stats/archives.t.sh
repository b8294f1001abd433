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
