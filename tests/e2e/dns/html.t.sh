# SPDX-License-Identifier: MIT
# dns bench -o: the page's CDF chart read back without a browser (tests/e2e/report/decode.py)
# and checked against every query of the same run (--json) with Python as the oracle: one
# series per server in the "Distribution per server" section, every point exact (share of
# that server's answers <= x), first point the minimum, last the maximum at 1, thinned only
# within 1/1000 of the share and of the (log) x range, the table's levels exact points.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
. "$HERE/responder.sh"
# a cache-hit-like body and a tail: 1 query in 50 of long.test takes 3 ms, the rest none
tail_rule="long.test=3ms$(printf ',0us%.0s' $(seq 49))"
start_responder A 127.0.0.1 "$tail_rule" "short.test=0us"
start_responder B 127.0.0.1 "long.test=1ms,0us,0us,0us" "short.test=50us"
"$KANSOKU" dns bench "@127.0.0.1:$A_PORT" "@127.0.0.1:$B_PORT" -q long.test -q short.test \
	-n 1100 -i 0 --json -o "$TMP/b.html" >"$TMP/b.json"
stop_responders

PYTHONPATH="$HERE/../report" python3 - "$TMP/b.html" "$TMP/b.json" <<'PY'
import bisect, json, math, sys
import decode

meta, cols = decode.load(open(sys.argv[1], encoding='utf-8').read())
run = json.load(open(sys.argv[2]))
servers = [s['server'] for s in run['servers']]
sec = [s for s in meta['sections'] if s['title'] == 'Distribution per server']
assert len(sec) == 1, [s['title'] for s in meta['sections']]
items = sec[0]['items']
assert 'chart' in items[0] and 'table' in items[1], 'the CDF chart comes first, then the table'
cdf = items[0]['chart']
assert [c for s in meta['sections'] for it in s['items'] if 'chart' in it
        for c in [it['chart']] if c.get('xkind') == 'value'] == [cdf], 'one value chart'
assert cdf['xunit'] == 'ms' and cdf['xstep'] is True, cdf
assert cdf['ymin'] == 0 and cdf['ymax'] == 1, cdf
assert [s['name'] for s in cdf['series']] == servers, (cdf['series'], servers)

rtts = {s: sorted(q['rtt_ms'] for q in run['samples'] if q['server'] == s and
                  not q['warmup'] and q['status'] == 'answered') for s in servers}
lo = min(v[0] for v in rtts.values())
hi = max(v[-1] for v in rtts.values())
assert cdf['xlog'] == (lo > 0 and hi / lo >= 10), (cdf['xlog'], lo, hi)
pos = (lambda v: math.log10(v)) if cdf['xlog'] else (lambda v: v)
R = 1e-3
levels = [0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 0.999, 1]
thinned = 0
for s, series in zip(servers, cdf['series']):
    xs, fs, v = cols[series['x']], cols[series['y']], rtts[s]
    m = len(v)
    assert m > 1000, (s, m)
    assert len(xs) == len(fs) and all(a < b for a, b in zip(xs, xs[1:])), s
    # every point exact: the share of this server's answers at or below x
    for x, f in zip(xs, fs):
        assert f == bisect.bisect_right(v, x) / m, (s, x, f)
    assert xs[0] == v[0] and xs[-1] == v[-1] and fs[-1] == 1, (s, xs[0], xs[-1], fs[-1])
    # the table's levels (type-1 quantiles) are points of the curve
    for p in levels:
        q = v[math.ceil(p * m - 1e-9) - 1]
        assert q in xs, (s, p, q)
    # a dropped value lies within R of the last kept point before it, in share and in x
    kept = set(xs)
    dx = R * (pos(v[-1]) - pos(v[0]))
    distinct = sorted(set(v))
    last = None
    for x in distinct:
        if x in kept:
            last = x
            continue
        thinned += 1
        f, flast = bisect.bisect_right(v, x) / m, bisect.bisect_right(v, last) / m
        assert f - flast < R and pos(x) - pos(last) < dx, (s, x, last)
    assert len(xs) <= 4 / R + 2 * len(levels) + 2, (s, len(xs))
assert thinned > 0, 'nothing was thinned: the run is too small to test it'
print('ok: %d servers, %d points drawn of %d answers' %
      (len(servers), sum(len(cols[s['x']]) for s in cdf['series']), sum(map(len, rtts.values()))))
PY
