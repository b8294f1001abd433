# SPDX-License-Identifier: MIT
"""Reads back the conversation data `kansoku report CAPTURE` embedded in a
page, independently of the page's script (layout: src/render/capreport.h;
columns: src/render/encode.h, read by decode.py)."""
import base64
import json
import re
import zlib

import decode

SEG_COLS = ['t', 'code', 'seq', 'len', 'ack', 'win', 'sseg', 'sleft', 'sright']


def _script(html, ident):
    m = re.search(r'<script type="application/octet-stream" id="%s">([^<]*)</script>' % ident, html)
    assert m, 'no <script id="%s">' % ident
    return m.group(1)


def load(html):
    """The list (dict, rows as dicts) and a function giving a row's segments."""
    lst = json.loads(zlib.decompress(base64.b64decode(_script(html, 'k-conv-list'))))
    cols = lst['cols']
    rows = [dict(zip(cols, r)) for r in lst['rows']]
    text = _script(html, 'k-conv-segs')
    dtext = _script(html, 'k-conv-diagrams')

    def segments(row):
        if not row['len']:
            return []
        blob = zlib.decompress(base64.b64decode(text[row['off']:row['off'] + row['len']]))
        p, out = 0, {}
        for name in SEG_COLS:
            out[name], p = _column(blob, p)
        assert p == len(blob), 'trailing bytes in a block'
        segs = []
        for i in range(len(out['t'])):
            code = int(out['code'][i])
            segs.append({'t': out['t'][i], 'dir': code & 1, 'flags': (code >> 1) & 255,
                         'tcp_flags': code >> 9, 'seq': int(out['seq'][i]), 'len': int(out['len'][i]),
                         'ack': None if out['ack'][i] is None else int(out['ack'][i]),
                         'win': int(out['win'][i]), 'sacks': []})
        for k in range(len(out['sseg'])):
            segs[int(out['sseg'][k])]['sacks'].append((int(out['sleft'][k]), int(out['sright'][k])))
        return segs
    load.diagram = lambda row: (zlib.decompress(base64.b64decode(dtext[row['doff']:row['doff'] + row['dlen']])).decode('utf-8')
                                if row['dlen'] else None)
    return lst, rows, segments


def diagram(row):
    """The SVG text of row's sequence diagram (after load()), or None."""
    return load.diagram(row)


def _column(b, p):
    """One column at p: (values, next position)."""
    kind = b[p]
    n, q = decode.varint(b, p + 1)
    if kind == 1:
        q += 1
    end = q
    col = decode.column(b, p)
    # decode.column does not say where it stopped: walk the varints again
    if kind == 2:
        end = q + 8 * n
    else:
        for _ in range(n):
            _, end = decode.varint(b, end)
    return col, end
