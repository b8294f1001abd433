#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A report of several kinds of input at once (a Postfix log and DNS
# results of the same incident): one findings table naming each row's
# source and kind and the rows at the same time, the mail log's events
# (reload, route change) marked on its charts; an input that cannot be read
# stops the page unless --keep-going.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
mail="$FIX/mail/incident/incident.log" dns="$FIX/dns/incident-dns.json"
"$KANSOKU" report "$mail" "$dns" -o "$TMP/r.html"
PYTHONPATH="$HERE" python3 - "$TMP/r.html" <<'PY'
import sys
import decode

meta, cols = decode.load(open(sys.argv[1], encoding='utf-8').read())
assert [d['format'] for d in meta['datasets']] == ['maillog', 'dns-results'], meta['datasets']
s = meta['sections'][0]
assert s['title'] == 'Findings', s['title']
table = s['items'][0]['table']
h = table['header']
assert h[:2] == ['#', 'source'] and h[-1] == 'at the same time as', h
rows = [dict(zip(h, r['cells'])) for r in table['rows']]
kinds = {r['source'].rsplit('(', 1)[1].rstrip(')') for r in rows}
assert kinds == {'maillog', 'dns-results'}, kinds
by_rule = {r['rule']: r for r in rows}
slow, unreach = by_rule['dns.slow'], by_rule['mail.relay.unreachable']
assert ('#' + unreach['#']) in slow['at the same time as'].split(', '), (slow, unreach)
assert ('#' + slow['#']) in unreach['at the same time as'].split(', '), (slow, unreach)
assert by_rule['mail.bounced']['at the same time as'] == '', by_rule['mail.bounced']
# the reload and the route change are marked on the mail log's finding charts
labels = [b['label'] for s in meta['sections'] for it in s['items'] if 'chart' in it
          for b in (it['chart'].get('bands') or [])]
assert any(l.startswith('reload: master: reload') for l in labels), labels[:10]
assert any(l.startswith('route: example.com:') for l in labels), labels[:10]
print('%d findings from 2 inputs in one table' % len(rows))
PY
# a damaged input: no page, unless --keep-going (the others reported, exit 2)
if "$KANSOKU" report "$mail" "$FIX/dns/damaged.json" -o "$TMP/bad.html" 2>"$TMP/bad.err"; then
	echo "a damaged input was accepted"; exit 1
fi
[ ! -e "$TMP/bad.html" ] || { echo "a page was written despite the damaged input"; exit 1; }
grep -q "damaged.json:3:79: expected ',' or '}'" "$TMP/bad.err" || { cat "$TMP/bad.err"; exit 1; }
rc=0
"$KANSOKU" report --keep-going "$mail" "$FIX/dns/damaged.json" -o "$TMP/kept.html" 2>"$TMP/kept.err" || rc=$?
[ "$rc" = 2 ] || { echo "--keep-going: exit $rc, expected 2"; exit 1; }
[ -s "$TMP/kept.html" ] || { echo "--keep-going wrote no page"; exit 1; }
grep -q "damaged.json:3:79" "$TMP/kept.err" || { cat "$TMP/kept.err"; exit 1; }
# the subtitle counts in the singular too: a perfmon file of one sample and one metric
printf '"(PDH-CSV 4.0) (UTC)(0)","\\\\h\\Memory\\Free MBytes"\n"03/12/2024 09:05:00","100"\n' >"$TMP/one.csv"
"$KANSOKU" report "$mail" "$TMP/one.csv" -o "$TMP/one.html" 2>"$TMP/one.err" || { cat "$TMP/one.err"; exit 1; }
grep -o '<p id="k-subtitle">[^<]*' "$TMP/one.html" >"$TMP/one.sub"
grep -q 'one.csv (perfmon, 1 sample, 2024-03-12 09:05:00 to 2024-03-12 09:05:00 UTC+00:00, 1 of 1 metric)' \
	"$TMP/one.sub" || { echo "subtitle:"; cat "$TMP/one.sub"; exit 1; }
grep -q 'incident.log (maillog, 12 samples, .*, 41 of 41 metrics)' "$TMP/one.sub" ||
	{ echo "subtitle:"; cat "$TMP/one.sub"; exit 1; }
