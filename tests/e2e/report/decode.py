# SPDX-License-Identifier: MIT
"""Reads back what `kansoku report` embedded in a page, independently of the
page's own script: the meta block (base64 -> zlib -> JSON) says where each
column is, in which data block (base64 -> zlib -> encoded columns, format
documented in src/render/encode.h and src/render/report.c); k-more (the
other columns' places) and the metric list (k-metrics: base64 -> zlib ->
lines of JSON) are merged into it.
Used by structure.t.sh."""
import base64
import json
import re
import struct
import zlib


def varint(b, p):
    x = shift = 0
    while True:
        c = b[p]
        p += 1
        x |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return x, p


def unzigzag(z):
    return (z >> 1) ^ -(z & 1)


def column(b, p):
    kind = b[p]
    n, p = varint(b, p + 1)
    out = []
    if kind == 0:
        prev = 0
        for _ in range(n):
            z, p = varint(b, p)
            prev += unzigzag(z)
            out.append(prev)
    elif kind == 1:
        scale = 10 ** b[p]
        p += 1
        prev = 0
        for _ in range(n):
            z, p = varint(b, p)
            if z == 0:
                out.append(None)
                continue
            prev += unzigzag(z - 1)
            out.append(prev / scale)
    elif kind == 2:
        for i in range(n):
            v, = struct.unpack_from('<d', b, p + 8 * i)
            out.append(None if v != v else v)
    else:
        raise ValueError('unknown column kind %d' % kind)
    return out


def block(html, name):
    m = re.search(r'<script type="application/octet-stream" id="%s">([^<]*)</script>' % name, html)
    assert m, 'no block %s' % name
    return zlib.decompress(base64.b64decode(m.group(1)))


def load(html):
    meta = json.loads(block(html, 'k-meta').decode('utf-8'))
    # where the columns after the first screen's are, and the totals
    more = json.loads(block(html, 'k-more').decode('utf-8'))
    meta['columns'] += more['columns']
    meta['blocks'] += more['blocks']
    meta['data'] = more['data']
    # the metric list travels apart: lines of [dataset, metric, metric...]
    for ds in meta['datasets']:
        assert isinstance(ds['metrics'], int), 'meta lists the metrics itself'
        ds['count'], ds['metrics'] = ds['metrics'], []
    for line in block(html, 'k-metrics').decode('utf-8').splitlines():
        chunk = json.loads(line)
        meta['datasets'][chunk[0]]['metrics'].extend(chunk[1:])
    for ds in meta['datasets']:
        assert len(ds['metrics']) == ds.pop('count'), 'metric list and meta disagree'
    blocks = [block(html, 'k-b%d' % b) for b in range(len(meta['blocks']))]
    for b, n in zip(blocks, meta['blocks']):
        assert len(b) == n, 'block length %d, meta says %d' % (len(b), n)
    where = meta['columns']
    cols = [column(blocks[where[2 * i]], where[2 * i + 1]) for i in range(len(where) // 2)]
    assert meta['data']['columns'] == len(cols)
    assert meta['data']['values'] == sum(len(c) for c in cols)
    return meta, cols
