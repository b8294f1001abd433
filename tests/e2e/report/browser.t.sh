# SPDX-License-Identifier: MIT
# A real browser opens reports: Debian's Chromium, headless, driven by
# playwright-core (installed by `make check` from src/render/package-lock.json).
# Checks (browser.cjs): no console errors or network requests, every metric a
# leaf of the tree, a click adds a chart, zoom syncs, double-click resets, the
# hostile VM name is text. Screenshots go to build/test-output/report/.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
. "$HERE/../lib/browser.sh"
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/report"
mkdir -p "$OUT"
hostile='<img src=x onerror=alert(1)>'

# a generated esxtop -b file: VMs with hostile names, vCPU worlds, disks, ports
cc -O2 -o "$TMP/esxgen" "$TOP/bench/esxgen.c" -lm
"$TMP/esxgen" -n 60 --vms 16 --vcpus 2 --pcpus 8 -o "$TMP/esx.csv"
"$KANSOKU" report "$TMP/esx.csv" -o "$TMP/esx.html"
leaves=$("$KANSOKU" stats --csv "$TMP/esx.csv" | tail -n +2 | wc -l)
node "$HERE/browser.cjs" "$TMP/esx.html" "$leaves" "$hostile" "$OUT/generated"

# the real `esxtop -b -a` file (17,427 columns), when ../shared is there
if [ -f "$SHARED/esxtop/esxtopd-full-a.csv" ]; then
	"$KANSOKU" report "$SHARED/esxtop/esxtopd-full-a.csv" -o "$TMP/full.html"
	leaves=$("$KANSOKU" stats --csv "$SHARED/esxtop/esxtopd-full-a.csv" | tail -n +2 | wc -l)
	node "$HERE/browser.cjs" "$TMP/full.html" "$leaves" "" "$OUT/esxtopd-full-a"
else
	echo "note: ../shared is absent: the real esxtop file is not opened"
fi
