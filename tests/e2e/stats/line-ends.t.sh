# Every reader takes LF, CRLF, CR-only and mixed line ends alike: the same
# SPDX-License-Identifier: MIT
# file with its line ends rewritten gives the same statistics.
set -u
cd "$TMP" || exit 1
for f in "$FIX/perf/quirks.csv" "$FIX/perf/glued.csv" "$FIX/perf/esxgen-small.csv" \
	 "$FIX/nmon/linux-small.nmon" "$FIX/nmon/aix-v8b-small.nmon"; do
	b="$(basename "$f")"
	/usr/bin/python3 - "$f" "$b" <<'PY' || exit 1
import sys
src, base = sys.argv[1:]
lines = open(src, "rb").read().replace(b"\r\n", b"\n").split(b"\n")
if lines[-1] == b"":
    lines.pop()
ends = {"lf": [b"\n"], "crlf": [b"\r\n"], "cr": [b"\r"], "mixed": [b"\r", b"\r\n", b"\n"]}
for name, e in ends.items():
    with open(f"{name}-{base}", "wb") as out:
        for i, l in enumerate(lines):
            out.write(l + e[i % len(e)])
PY
	"$KANSOKU" stats --csv "lf-$b" >want.csv 2>want.err || { echo "$b: $(cat want.err)"; exit 1; }
	[ "$(wc -l <want.csv)" -gt 2 ] || { echo "$b: too little output to compare"; exit 1; }
	for e in crlf cr mixed; do
		"$KANSOKU" stats --csv "$e-$b" >got.csv 2>got.err || { echo "$e-$b: $(cat got.err)"; exit 1; }
		sed "s/$e-$b/lf-$b/g" got.err >got2.err
		cmp -s want.csv got.csv && cmp -s want.err got2.err ||
			{ echo "$e-$b differs:"; diff want.csv got.csv | head -5; diff want.err got2.err | head -5; exit 1; }
	done
	echo "$b: LF, CRLF, CR and mixed agree ($(($(wc -l <want.csv) - 1)) metrics)"
done
