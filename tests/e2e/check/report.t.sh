#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Findings at the top of `kansoku report`: the same findings as `kansoku check
# --json`, in the same order, each row zooming to its longest episode and
# linking to a chart that draws the judged series (per vCPU where the rule
# divides), the threshold and the episode as a band. Read back from the page
# without a browser (tests/e2e/report/decode.py); the browser test clicks a link.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cd "$TMP" || exit 1
python3 "$HERE/gen-esxtop.py" full full.csv || exit 1
"$KANSOKU" check --json full.csv >check.json || exit 1
"$KANSOKU" report full.csv -o full.html || exit 1
"$KANSOKU" report --no-findings full.csv -o none.html || exit 1
printf 'disable *\n' >off.rules
"$KANSOKU" report --rules off.rules full.csv -o off.html || exit 1
printf 'set cpu.ready.vcpu warnig>1\n' >bad.rules
"$KANSOKU" report --rules bad.rules full.csv -o bad.html 2>bad.err; rc=$?
[ $rc -eq 2 ] && grep -q "bad.rules:1: 'warnig' is not a level" bad.err && [ ! -e bad.html ] ||
	{ echo "bad rules file: exit $rc"; cat bad.err; exit 1; }

PYTHONPATH="$HERE/../report" python3 - <<'PY'
import datetime, json
import decode

check = json.load(open('check.json'))
meta, cols = decode.load(open('full.html', encoding='utf-8').read())
sec = meta['sections'][0]
assert sec['title'] == 'Findings', [s['title'] for s in meta['sections']]
assert sec['note'].startswith('18 findings (5 critical, 13 warning, 0 info) from 19 of 19 rules'), sec['note']
table = [it['table'] for it in sec['items'] if 'table' in it][0]
charts = [it['chart'] for s in meta['sections'] for it in s['items'] if 'chart' in it]
rows = table['rows']
assert [(r['cells'][0], r['cells'][2], r['cells'][1]) for r in rows] == \
    [(f['who'], f['rule'], f['severity']) for f in check['findings']], 'order or content differs'
times = cols[meta['datasets'][0]['x']]
for i, (r, f) in enumerate(zip(rows, check['findings'])):
    assert r['chart'] == i, (i, r)
    c = charts[r['chart']]
    assert f['who'] in c['title'] and c['title'].startswith(f['severity'] + ': '), c['title']
    band = c['bands'][0]
    # the band: from one interval before the episode's first sample to its last; the row
    # zooms around it, within the capture
    assert r['start'] <= band['start'] and band['end'] <= r['end'], (band, r)
    assert times[0] - 5e6 <= r['start'] and r['end'] <= times[-1], r
    assert band['end'] - band['start'] == f['longest_episode']['duration_s'] * 1e6, (band, f)
    # one definition of the episode: the band, the JSON and the table row start together
    start = datetime.datetime.fromisoformat(f['longest_episode']['start'].replace('Z', '+00:00'))
    assert band['start'] == start.timestamp() * 1e6, (band, f['longest_episode'])
    assert r['cells'][7].endswith('from ' + start.strftime('%H:%M:%S')), (r['cells'][7], start)
    assert band['level'] == {'info': 0, 'warning': 1, 'critical': 2}[f['severity']]
    series, thr = c['series']
    assert all(v == f['threshold']['value'] for v in cols[thr['y']]), thr['name']
    ys = cols[series['y']]
    assert max(ys) == f['peak'] or min(ys) == f['peak'], (f['rule'], f['peak'])
# the per-VM ready chart shows the group value divided by the vCPU count
vm = [c for c in charts if c['title'].endswith('web (2 vCPUs)')][0]
assert vm['series'][0]['name'] == 'web (2 vCPUs) per vCPU'
assert max(cols[vm['series'][0]['y']]) == 19, max(cols[vm['series'][0]['y']])

meta, _ = decode.load(open('none.html', encoding='utf-8').read())
assert meta['sections'][0]['title'] != 'Findings'
meta, _ = decode.load(open('off.html', encoding='utf-8').read())
texts = [it.get('text') for it in meta['sections'][0]['items']]
assert 'No findings: every evaluated rule stayed within its thresholds.' in texts, texts
print('ok')
PY
[ $? -eq 0 ] || exit 1

# a hostile VM name in a finding is data, never markup
TOP="$(cd "$HERE/../../.." && pwd)"
cc -O2 -o esxgen "$TOP/bench/esxgen.c" -lm || exit 1
./esxgen -n 30 --vms 12 --vcpus 2 --pcpus 4 -o gen.csv || exit 1
"$KANSOKU" report gen.csv -o gen.html || exit 1
PYTHONPATH="$HERE/../report" python3 - <<'PY'
import decode
html = open('gen.html', encoding='utf-8').read()
assert '<img' not in html, 'raw markup in the page'
meta, _ = decode.load(html)
rows = [it['table']['rows'] for it in meta['sections'][0]['items'] if 'table' in it][0]
assert any(r['cells'][0].startswith('<img src=x onerror=alert(1)>') for r in rows), 'hostile finding lost'
PY
