#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# HTTP requests whose target is longer than the part of a line kept for labels (an ad
# tracker's or an API's query string): still requests, each paired with its status line.
set -u
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cat >"$TMP/gen.py" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from gen_pcaps import A, B, MA, MB, eth, ip4, tcp, pseudo4, write_pcap

def seg(src, dst, sp, dp, seq, ack, flags, data=b""):
    return eth(MB, MA, 0x0800, ip4(src, dst, 6, tcp(sp, dp, seq, ack, flags, data=data,
                                                     ph=lambda s: pseudo4(src, dst, 6, s))))

c, s = 1000, 5000
pk = [seg(A, B, 40000, 80, c, 0, 0x02), seg(B, A, 80, 40000, s, c + 1, 0x12), seg(A, B, 40000, 80, c + 1, s + 1, 0x10)]
c += 1; s += 1
for path in (b"/track?" + b"x=1&" * 80, b"/short", b"/api/v1/items?" + b"id=12345&" * 40):
    req = b"GET " + path + b" HTTP/1.1\r\nHost: example.test\r\n\r\n"
    rsp = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    pk.append(seg(A, B, 40000, 80, c, s, 0x18, req)); c += len(req)
    pk.append(seg(B, A, 80, 40000, s, c, 0x18, rsp)); s += len(rsp)
write_pcap(sys.argv[2] + "/long.pcap", 1, pk)
PY
python3 "$TMP/gen.py" "$FIX/net" "$TMP" || exit 1
"$KANSOKU" exchanges --csv "$TMP/long.pcap" >"$TMP/out.csv" || exit 1
got="$(python3 -c 'import csv, sys
print(" ".join("%s:%s=%s" % (x["verb"], x["detail"][:8], x["code"]) for x in csv.DictReader(open(sys.argv[1]))))' "$TMP/out.csv")"
want="GET:/track?x=200 GET:/short=200 GET:/api/v1/=200"
[ "$got" = "$want" ] || { echo "got: $got"; echo "expected: $want"; cat "$TMP/out.csv"; exit 1; }
