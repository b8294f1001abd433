#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# DNS over TCP with segments missing from the capture. Three queries on one connection,
# one segment each; the capture lost the second query (client side) in one file and the
# first answer (server side) in the other. Reading resumes at the next segment that
# starts a whole message: the later queries are still paired with their answers. A
# server-side gap is seen when the segment after it comes; the queries waiting then may
# have their answer in it: incomplete, not timed (nothing is invented from lost bytes).
set -u
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cat >"$TMP/gen.py" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[1])
from gen_pcaps import A, B, MA, MB, eth, ip4, tcp, pseudo4, dns_name, write_pcap

def seg(src, dst, sp, dp, seq, ack, flags, data=b""):
    return eth(MB, MA, 0x0800, ip4(src, dst, 6, tcp(sp, dp, seq, ack, flags, data=data,
                                                     ph=lambda s: pseudo4(src, dst, 6, s))))

def framed(msg):
    return struct.pack("!H", len(msg)) + msg

def query(i):
    return framed(struct.pack("!HHHHHH", i, 0x0100, 1, 0, 0, 0) + dns_name("q%d.example" % i) + struct.pack("!HH", 1, 1))

def answer(i):
    return framed(struct.pack("!HHHHHH", i, 0x8180, 1, 1, 0, 0) + dns_name("q%d.example" % i) + struct.pack("!HH", 1, 1)
                  + b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, i]))

def session(drop):
    c, s = 1000, 5000
    out = [seg(A, B, 40000, 53, c, 0, 0x02), seg(B, A, 53, 40000, s, c + 1, 0x12),
           seg(A, B, 40000, 53, c + 1, s + 1, 0x10)]
    c += 1; s += 1
    for i in (1, 2, 3):
        q, a = query(i), answer(i)
        if ("q", i) != drop:
            out.append(seg(A, B, 40000, 53, c, s, 0x18, q))
        c += len(q)
        if ("a", i) != drop:
            out.append(seg(B, A, 53, 40000, s, c, 0x18, a))
        s += len(a)
    return out

write_pcap(sys.argv[2] + "/query-lost.pcap", 1, session(("q", 2)))
write_pcap(sys.argv[2] + "/answer-lost.pcap", 1, session(("a", 1)))
PY
python3 "$TMP/gen.py" "$FIX/net" "$TMP" || exit 1
fail=0
# the DNS id, reply code and flags of each row, in order
rows() { python3 -c 'import csv, sys
print(" ".join("%s=%s%s" % (x["dns_id"], x["code"] or "-", "/" + x["flags"] if x["flags"] != "tcp" else "")
               for x in csv.DictReader(open(sys.argv[1]))))' "$1"; }
for want in "query-lost|1=0 3=0" "answer-lost|1=-/incomplete,tcp 2=-/incomplete,tcp 3=0"; do
	f="${want%%|*}" w="${want#*|}"
	"$KANSOKU" exchanges --csv "$TMP/$f.pcap" >"$TMP/$f.csv" 2>"$TMP/$f.err" ||
		{ echo "exchanges failed on $f"; cat "$TMP/$f.err"; fail=1; continue; }
	got="$(rows "$TMP/$f.csv")"
	[ "$got" = "$w" ] || { echo "$f: $got, expected $w"; cat "$TMP/$f.csv"; fail=1; }
done
exit $fail
