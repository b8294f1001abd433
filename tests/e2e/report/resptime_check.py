# SPDX-License-Identifier: MIT
"""Checks the "Response times" section of a capture's report against the
exchanges `kansoku exchanges --csv` lists for the same capture: one chart per
server, one series per SMTP command kind (one per HTTP or DNS server), each
answered exchange a point at request time + response time with the response
time as value; findings about a server link to its chart, which marks their
episodes. Writes what the browser check expects.
    resptime_check.py PAGE.html EXCHANGES.csv EXPECT.json"""
import collections
import csv
import datetime
import json
import sys

import decode

page, exchanges, expect_file = sys.argv[1:4]
meta, cols = decode.load(open(page, encoding='utf-8').read())
failed = 0


def check(ok, what):
    global failed
    print(('ok   ' if ok else 'FAIL ') + what)
    failed += not ok


def usec(text):
    d = datetime.datetime.strptime(text, '%Y-%m-%d %H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp()) * 1000000 + d.microsecond


# the answered exchanges per (protocol, server) and series name
want = collections.defaultdict(lambda: collections.defaultdict(list))
unanswered = collections.Counter()
for row in csv.DictReader(open(exchanges)):
    proto = row['protocol']
    name = row['kind'] if proto == 'SMTP' else 'response time'
    if row['ms'] == '':
        unanswered[(proto, row['server'], name)] += 1
        continue
    ms = float(row['ms'])
    want[(proto, row['server'])][name].append((usec(row['request_time']) + round(ms * 1000), ms))

charts, ordinal, section_of = [], 0, {}
for sec in meta['sections']:
    for it in sec['items']:
        if 'chart' in it:
            charts.append(it['chart'])
            section_of[ordinal] = sec['title']
            ordinal += 1
rt = [(i, c) for i, c in enumerate(charts) if section_of[i] == 'Response times']
titles = {'SMTP': 'SMTP replies of ', 'HTTP': 'HTTP responses of ', 'DNS': 'DNS responses of '}
check(len(rt) == len(want), '%d response-time charts, one per server (%d)' % (len(rt), len(want)))
expect = {'charts': [], 'links': []}
chart_of = {}
for (proto, server), series in sorted(want.items()):
    title = titles[proto] + server
    found = [(i, c) for i, c in rt if c['title'] == title]
    check(len(found) == 1, 'a chart "%s"' % title)
    if not found:
        continue
    i, c = found[0]
    chart_of[(proto.lower(), server)] = i
    check(c.get('points') is True and c['unit'] == 'ms', '%s: drawn as dots, in ms' % title)
    got = {}
    for s in c['series']:
        name = s['name'].split(' (')[0]
        got[name] = list(zip(cols[s['x']], cols[s['y']]))
        n = unanswered[(proto, server, name)]
        check((' (%d unanswered)' % n in s['name']) == (n > 0), '%s %s: names its %d unanswered' % (title, name, n))
    check(sorted(got) == sorted(series), '%s: series %s, expected %s' % (title, sorted(got), sorted(series)))
    for name, pts in series.items():
        g = got.get(name, [])
        ok = len(g) == len(pts) and all(abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) < 0.0015
                                        for a, b in zip(g, sorted(pts)))
        check(ok, '%s %s: %d points at the answers\' times, expected %d' % (title, name, len(g), len(pts)))
    expect['charts'].append({'title': title, 'points': sum(len(p) for p in series.values())})
# the order: slowest server first
maxes = [max(v for s in c['series'] for v in cols[s['y']] if v is not None) for _, c in rt]
check(maxes == sorted(maxes, reverse=True), 'servers ordered slowest first %s' % maxes)

# findings about a server's answers link to its chart, which marks the episode
table = [it['table'] for it in meta['sections'][0]['items'] if 'table' in it]
check(meta['sections'][0]['title'] == 'Findings' and len(table) == 1, 'the page opens on a table of findings')
linked = 0
for row in table[0]['rows'] if table else []:
    who, rule = row['cells'][0], row['cells'][2]
    proto = rule.split('.')[0]
    key = (proto, who.split(' ')[0])
    if key not in chart_of:
        continue
    c = chart_of[key]
    check(row.get('chart') == c, 'finding %s on %s links to chart %s (%s)' % (rule, who, c, row.get('chart')))
    bands = charts[c]['bands']
    check(any(b['label'].endswith(who) for b in bands), 'chart %s marks the episode of %s on %s' % (c, rule, who))
    expect['links'].append({'who': who, 'rule': rule, 'title': charts[c]['title']})
    linked += 1
check(linked == 5, '%d findings link to response-time charts (the slow SMTP, DNS and HTTP servers: 5)' % linked)
healthy = [c for c in charts if c['title'] == 'SMTP replies of 127.0.0.1:46609']
check(len(healthy) == 1 and not healthy[0]['bands'], 'the healthy SMTP server\'s chart marks nothing')
json.dump(expect, open(expect_file, 'w'))
sys.exit(1 if failed else 0)
