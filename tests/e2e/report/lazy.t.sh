# SPDX-License-Identifier: MIT
# The page inflates a series only when it is first shown: a metric of the tree
# whose block was not inflated at open is, once clicked, drawn with exactly the
# CSV's values (lazy.cjs, headless Chromium; Python's csv module as the oracle).
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
. "$HERE/../lib/browser.sh"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/report"
mkdir -p "$OUT"

# big enough for several data blocks: 120 rows x ~2,000 columns
cc -O2 -o "$TMP/esxgen" "$TOP/bench/esxgen.c" -lm
"$TMP/esxgen" -n 120 --vms 40 --vcpus 2 --pcpus 8 -o "$TMP/esx.csv"
"$KANSOKU" report "$TMP/esx.csv" -o "$TMP/esx.html"
"$KANSOKU" stats --csv "$TMP/esx.csv" >"$TMP/stats.csv"
python3 - "$TMP/esx.csv" "$TMP/stats.csv" >"$TMP/candidates.json" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
paths = [r[0] for r in list(csv.reader(open(sys.argv[2], newline='', encoding='utf-8')))[1:]]
assert len(paths) == len(rows[0]) - 1, 'stats lists every column in file order'
out = []
for k, path in enumerate(paths):
    vals = [float(r[k + 1]) if r[k + 1].strip() else None for r in rows[1:]]
    if len(set(vals)) > 2:	# values that tell a wrong column from the right one
        out.append([path, vals])
json.dump(out[-60:], sys.stdout)
PY
node "$HERE/lazy.cjs" "$TMP/esx.html" "$TMP/candidates.json" "$OUT/lazy"
