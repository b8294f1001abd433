# SPDX-License-Identifier: MIT
# The page's structure and data, read back without a browser: escaping of
# every input-derived string, no external references, the embedded data
# equal to the CSV's values (Python's csv module as the oracle), the ESXi
# dashboard's sections.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
"$KANSOKU" report "$FIX/render/esx-small.csv" -o "$TMP/r.html"
PYTHONPATH="$HERE" python3 - "$TMP/r.html" "$FIX/render/esx-small.csv" <<'PY'
import csv, sys, re
from datetime import datetime, timezone, timedelta
import decode

html = open(sys.argv[1], encoding='utf-8').read()
hostile = '<img src=x onerror=alert(1)>'
assert html.startswith('<!DOCTYPE html>')
assert "default-src 'none'" in html, 'no Content-Security-Policy'
assert '<img' not in html, 'raw <img in the page'
assert not re.search(r'(src|href)="(https?:)?//', html), 'external reference'
nblocks = len(re.findall(r'<script type="application/octet-stream" id="k-b[0-9]+">', html))
assert nblocks >= 1 and html.count('<script') == nblocks + 6, 'data blocks, meta, uPlot, app, start, more, metric list'
# uPlot's MIT licence asks for its notice in every copy: the page is one
assert 'Permission is hereby granted, free of charge' in html and 'Leon Sorokin' in html, \
    "uPlot's licence notice is not in the page"
assert '<h1 id="k-title">esx01.lab' in html

meta, cols = decode.load(html)
ds = meta['datasets'][0]
assert ds['format'] == 'esxtop' and ds['tz'] == 60, ds
rows = list(csv.reader(open(sys.argv[2], newline='', encoding='utf-8')))
header, data = rows[0], rows[1:]
metrics = ds['metrics']
assert len(metrics) == len(header) - 1, (len(metrics), len(header))
# times: local 22:00:00 at UTC+01:00
times = cols[ds['x']]
first = datetime.strptime(data[0][0], '%m/%d/%Y %H:%M:%S').replace(tzinfo=timezone(timedelta(hours=1)))
assert times[0] == int(first.timestamp()) * 1000000, (times[0], first)
assert len(times) == len(data)
for k, m in enumerate(metrics):
    col = cols[m[8]]
    want = [float(r[k + 1]) if r[k + 1].strip() else None for r in data]
    assert col == want, (m[0], col[:5], want[:5])
assert any(m[5] == hostile for m in metrics), 'hostile VM name lost'
titles = [s['title'] for s in meta['sections']]
assert titles[:3] == ['Findings', 'CPU', 'VM CPU'], titles
ready = [it['chart'] for s in meta['sections'] for it in s['items']
         if 'chart' in it and it['chart']['title'] == '% Ready per VM'][0]
assert sorted(s['name'] for s in ready['series']) == sorted(['web01', 'db,prod', hostile])
print('ok')
PY
