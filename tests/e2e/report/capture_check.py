# SPDX-License-Identifier: MIT
"""Checks the data `kansoku report CAPTURE` embedded (read back by
capture_decode.py) against the capture itself, and writes what the browser
test (capture.cjs) should find when it opens conversations.

usage: capture_check.py PAGE.html CAPTURE FLOWS.csv EXPECT.json HOSTILE OPEN KANSOKU [WIRE]

 - the page is well-formed for hostile input: a Content-Security-Policy, no
   raw markup from the file name, no external reference;
 - the list has one row per conversation of `kansoku flows --csv`, with its
   endpoints, packets and bytes;
 - with tshark installed: every TCP conversation's segments are tshark's,
   packet by packet (relative seq and ack, payload length, window as
   tshark calculates it with the negotiated scale, SACK blocks);
 - the IO graph's rates add up to the frames, bytes and retransmissions of
   the conversations (a tunnel's frame once), as `flows --json` and tshark count;
 - each embedded sequence diagram is well-formed SVG with as many arrows as
   the conversation's segments, and WIRE (a hostile line from the capture's
   payload) appears in one only escaped;
 - EXPECT.json: for the OPEN busiest TCP conversations, each direction, the
   points each stream graph must draw, counted from tshark's packets (or
   from our own decoded segments when tshark is absent).
"""
import csv
import json
import re
import shutil
import subprocess
import sys

import capture_decode

page, capture, flows_csv, expect_out, hostile, nopen = sys.argv[1:7]
html = open(page, encoding='utf-8').read()
assert "default-src 'none'" in html, 'no Content-Security-Policy'
assert '<img' not in html, 'raw <img in the page'
assert not re.search(r'(src|href)="(https?:)?//', html), 'external reference'
lst, rows, segments = capture_decode.load(html)

flows = list(csv.DictReader(open(flows_csv, newline='')))
assert len(rows) == len(flows), ('rows', len(rows), 'flows', len(flows))
for r, f in zip(rows, flows):
    assert r['id'] == int(f['id']) and r['proto'] == f['proto'], (r, f)
    for side, name in ((0, 'client'), (1, 'server')):
        addr = f[name + '_addr']
        want = ('[%s]' % addr if ':' in addr else addr) + ':' + f[name + '_port']
        assert r[name] == want, (r[name], want)
    assert r['packets0'] == int(f['c2s_packets']) and r['packets1'] == int(f['s2c_packets']), (r, f)
    assert r['bytes0'] == int(f['c2s_bytes']) and r['bytes1'] == int(f['s2c_bytes']), (r, f)
    assert r['start'] == int(f['start_us']) and r['duration'] == int(f['duration_us']), (r, f)
    assert r['path'] == f['path'], (r['path'], f['path'])
    if r['proto'] == 'tcp':
        assert r['segs'] + r['dropped'] == r['packets0'] + r['packets1'], r

FIELDS = ['frame.time_epoch', 'tcp.stream', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.ack',
          'tcp.len', 'tcp.flags', 'tcp.window_size', 'tcp.options.sack_le', 'tcp.options.sack_re']


def tshark_streams():
    cmd = ['tshark', '-n', '-r', capture, '-Y', 'tcp', '-T', 'fields', '-E', 'occurrence=l',
           '-E', 'separator=|'] + sum([['-e', f] for f in FIELDS], [])
    # the innermost TCP header of a tunnel is the last occurrence; SACK edges are lists
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    cmd_all = cmd[:]
    cmd_all[cmd_all.index('occurrence=l')] = 'occurrence=a'
    sacks = subprocess.run(cmd_all, capture_output=True, text=True, check=True).stdout
    streams = {}
    for line, sline in zip(out.splitlines(), sacks.splitlines()):
        v = dict(zip(FIELDS, line.split('|')))
        if not v['tcp.len'] or not v['tcp.stream']:
            continue	# a TCP header quoted in an ICMP error
        a = dict(zip(FIELDS, sline.split('|')))
        le = [int(x) for x in a['tcp.options.sack_le'].split(',') if x]
        re_ = [int(x) for x in a['tcp.options.sack_re'].split(',') if x]
        v['sacks'] = list(zip(le, re_))
        streams.setdefault(int(v['tcp.stream']), []).append(v)
    return list(streams.values())


def match(r, streams):
    """tshark's stream of row r: same ports, nearest start."""
    ports = {int(r['client'].rsplit(':', 1)[1]), int(r['server'].rsplit(':', 1)[1])}
    c = [s for s in streams if {int(s[0]['tcp.srcport']), int(s[0]['tcp.dstport'])} == ports]
    assert c, ('no tshark stream for', r)
    return min(c, key=lambda s: abs(float(s[0]['frame.time_epoch']) * 1e6 - r['start']))


have_tshark = shutil.which('tshark') is not None
streams = tshark_streams() if have_tshark else None
compared = 0
for r in rows:
    if r['proto'] != 'tcp' or not streams:
        continue
    segs, ts = segments(r), match(r, streams)
    assert len(segs) == len(ts), ('conversation', r['id'], len(segs), 'segments; tshark', len(ts))
    for k, (a, b) in enumerate(zip(segs, ts)):
        want = (int(b['tcp.seq']), int(b['tcp.len']), int(b['tcp.window_size']), b['sacks'])
        got = (a['seq'], a['len'], a['win'], a['sacks'])
        assert got == want, ('conversation', r['id'], 'segment', k, got, 'tshark', want)
        if a['ack'] is not None:
            assert a['ack'] == int(b['tcp.ack']), ('conversation', r['id'], 'segment', k, a['ack'], b['tcp.ack'])
        assert abs(a['t'] - round(float(b['frame.time_epoch']) * 1e6)) <= 1, (a['t'], b['frame.time_epoch'])
        compared += 1
print('ok %d segments equal to tshark\'s' % compared if have_tshark else 'note: tshark is absent: segments not compared')

SYN, FIN, RST, ACK = 2, 1, 4, 16


def counts(pkts, client_port, d):
    """Points of direction d's graphs: pkts as (sender is client, tcp flags, len, sacks)."""
    sender = [p for p in pkts if p[0] == (d == 0)]
    receiver = [p for p in pkts if p[0] != (d == 0)]
    data = [p for p in sender if p[2] > 0 or p[1] & (SYN | FIN)]
    acks = [p for p in receiver if p[1] & ACK and not p[1] & RST]
    return {'segments': len(data), 'acks': len(acks), 'sacks': sum(len(p[3]) for p in acks),
            'throughput': sum(1 for p in sender if p[2] > 0)}


import xml.etree.ElementTree as ET
wire = sys.argv[8] if len(sys.argv) > 8 else ''
diagrams = 0
escaped = False
for r in rows:
    svg = capture_decode.diagram(r)
    if svg is None:
        continue
    assert r['proto'] == 'tcp' and r['dropped'] == 0, r
    assert '<img' not in svg and '<script' not in svg, ('raw markup in the diagram of', r['id'])
    root = ET.fromstring(svg)
    g = [e for e in root.iter() if e.get('data-segments') is not None]
    assert len(g) == 1 and int(g[0].get('data-segments')) == r['segs'], (r['id'], [e.attrib for e in g], r['segs'])
    if wire:
        escaped |= wire.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;') in svg
    diagrams += 1
assert not wire or escaped, 'the hostile line is not in any diagram'
print('ok %d sequence diagrams embedded' % diagrams)

expect = {'rows': len(rows), 'hostile': hostile, 'wire': wire, 'convs': [],
          'diagram': next((r['id'] for r in rows if r['dlen']), None)}
busiest = sorted((r for r in rows if r['proto'] == 'tcp' and r['segs']), key=lambda r: (-r['segs'], r['id']))
for r in busiest[:int(nopen)]:
    cport = int(r['client'].rsplit(':', 1)[1])
    if streams:
        pkts = [(int(p['tcp.srcport']) == cport, int(p['tcp.flags'], 16), int(p['tcp.len']), p['sacks'])
                for p in match(r, streams)]
    else:
        pkts = [(s['dir'] == 0, s['tcp_flags'], s['len'], s['sacks']) for s in segments(r)]
    f = flows[[x['id'] for x in flows].index(str(r['id']))]
    for d in (0, 1):
        e = counts(pkts, cport, d)
        e['id'], e['dir'] = r['id'], d
        e['retrans'] = int(f['c2s_retransmissions' if d == 0 else 's2c_retransmissions'] or 0)
        expect['convs'].append(e)
json.dump(expect, open(expect_out, 'w'))

# The IO graph: its rates times the interval are the frames of the conversations
# (a tunnel's once), their bytes and retransmissions.
import decode
meta, cols = decode.load(html)
ds = [d for d in meta['datasets'] if any(m[0].startswith('capture/') for m in d['metrics'])][0]
times = cols[ds['x']]
series = {m[0]: cols[m[8]] for m in ds['metrics']}
if len(times) >= 2:
    step = (times[1] - times[0]) / 1e6
    total = {k: round(sum(v) * step) for k, v in series.items()}
    flows_json = json.loads(subprocess.run([sys.argv[7], 'flows', '--json', capture], capture_output=True,
                                           text=True, check=True).stdout)
    pk = total['capture/packets client to server'] + total['capture/packets server to client']
    assert pk == flows_json['tracked_packets'], ('IO packets', pk, flows_json['tracked_packets'])
    rt = total['capture/retransmissions client to server'] + total['capture/retransmissions server to client']
    want = sum(r['retrans0'] + r['retrans1'] for r in rows)
    assert rt == want, ('IO retransmissions', rt, want)
    if have_tshark:
        out = subprocess.run(['tshark', '-n', '-r', capture, '-Y', '(tcp or udp) and not icmp and not icmpv6',
                              '-T', 'fields', '-e', 'frame.len'], capture_output=True, text=True, check=True).stdout
        lens = [int(x) for x in out.split()]
        bits = total['capture/bits client to server'] + total['capture/bits server to client']
        assert (pk, bits) == (len(lens), 8 * sum(lens)), ('IO packets, bits', pk, bits, 'tshark', len(lens), 8 * sum(lens))
    print('ok IO graph: %d packets, %d retransmissions' % (pk, rt))
