#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# PPPoE session frames whose PPP protocol field is compressed to one byte (RFC 1661
# 6.5, as some access concentrators send it) and frames with the full two bytes: the
# TCP inside both is one conversation, every packet in it, as tshark reads it.
set -u
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cat >"$TMP/gen.py" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[1])
from gen_pcaps import A, B, MA, MB, eth, ip4, tcp, pseudo4, write_pcap

def pppoe(ip, compressed):
    ppp = b"\x21" if compressed else b"\x00\x21"
    return eth(MB, MA, 0x8864, struct.pack("!BBHH", 0x11, 0, 0x2d, len(ppp) + len(ip)) + ppp + ip)

def seg(src, dst, sp, dp, seq, ack, flags):
    return ip4(src, dst, 6, tcp(sp, dp, seq, ack, flags, ph=lambda s: pseudo4(src, dst, 6, s)))

pk = [pppoe(seg(A, B, 40000, 80, 10, 0, 0x02), True), pppoe(seg(B, A, 80, 40000, 50, 11, 0x12), False),
      pppoe(seg(A, B, 40000, 80, 11, 51, 0x10), True)]
write_pcap(sys.argv[2] + "/pppoe.pcap", 1, pk)
PY
python3 "$TMP/gen.py" "$FIX/net" "$TMP" || exit 1
"$KANSOKU" flows --json "$TMP/pppoe.pcap" >"$TMP/out.json" || exit 1
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
got = (d["packets"], d["conversations"], sum(r["client_to_server"]["packets"] + r["server_to_client"]["packets"] for r in d["rows"]))
sys.exit(0 if got == (3, 1, 3) else "packets, conversations, packets in them: %s, expected (3, 1, 3)" % (got,))' "$TMP/out.json"
