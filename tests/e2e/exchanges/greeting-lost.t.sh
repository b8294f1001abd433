#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# An SMTP session whose greeting segment is missing from the capture (the handshake is
# there, the client's EHLO comes first): the first reply (250) answers EHLO, not the
# greeting, and every later command keeps its own reply. With the greeting present it
# is timed from the handshake's last ACK as before.
set -u
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cat >"$TMP/gen.py" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from gen_pcaps import A, B, MA, MB, eth, ip4, tcp, pseudo4, write_pcap

def seg(src, dst, sp, dp, seq, ack, flags, data=b""):
    pkt = eth(MB, MA, 0x0800, ip4(src, dst, 6, tcp(sp, dp, seq, ack, flags, data=data,
                                                   ph=lambda s: pseudo4(src, dst, 6, s))))
    return pkt

def session(greet):
    c, s = 1000, 5000
    out = [seg(A, B, 40000, 25, c, 0, 0x02), seg(B, A, 25, 40000, s, c + 1, 0x12),
           seg(A, B, 40000, 25, c + 1, s + 1, 0x10)]
    c += 1; s += 1
    if greet:
        g = b"220 mx.example ESMTP\r\n"
        out.append(seg(B, A, 25, 40000, s, c, 0x18, g)); s += len(g)
    for cmd, reply in ((b"EHLO me\r\n", b"250 mx.example\r\n"), (b"RSET\r\n", b"250 2.0.0 Ok\r\n"),
                       (b"QUIT\r\n", b"221 2.0.0 Bye\r\n")):
        out.append(seg(A, B, 40000, 25, c, s, 0x18, cmd)); c += len(cmd)
        out.append(seg(B, A, 25, 40000, s, c, 0x18, reply)); s += len(reply)
    return out

for name, greet in (("lost", False), ("kept", True)):
    pk = session(greet)
    write_pcap(f"{sys.argv[2]}/{name}.pcap", 1, pk)
PY
python3 "$TMP/gen.py" "$FIX/net" "$TMP" || exit 1
fail=0
for name in lost kept; do
	"$KANSOKU" exchanges --csv "$TMP/$name.pcap" >"$TMP/$name.csv" 2>"$TMP/$name.err" ||
		{ echo "exchanges failed on $name"; cat "$TMP/$name.err"; fail=1; continue; }
done
# kind and reply code of each row, in order
rows() { python3 -c 'import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))
print(" ".join("%s=%s" % (x["kind"], x["code"]) for x in r))' "$1"; }
got="$(rows "$TMP/lost.csv")"
[ "$got" = "EHLO=250 RSET=250 QUIT=221" ] || { echo "greeting lost: $got"; cat "$TMP/lost.csv"; fail=1; }
got="$(rows "$TMP/kept.csv")"
[ "$got" = "greeting=220 EHLO=250 RSET=250 QUIT=221" ] || { echo "greeting kept: $got"; cat "$TMP/kept.csv"; fail=1; }
exit $fail
