# SPDX-License-Identifier: MIT
"""Reads back what `kansoku report` embedded in a page, independently of the
page's own script: base64 -> zlib -> "KNS1" blob -> meta JSON + columns
(format documented in src/render/encode.h). Used by structure.t.sh."""
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


def load(html):
    m = re.search(r'<script type="application/octet-stream" id="k-data">([^<]*)</script>', html)
    blob = zlib.decompress(base64.b64decode(m.group(1)))
    assert blob[:4] == b'KNS1', 'bad magic'
    mlen, = struct.unpack_from('<I', blob, 4)
    meta = json.loads(blob[8:8 + mlen].decode('utf-8'))
    base = 8 + mlen
    cols = [column(blob, base + off) for off in meta['columns']]
    return meta, cols
