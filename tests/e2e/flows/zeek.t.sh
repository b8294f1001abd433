#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Conversations through tunnels, tags and IP fragments, against tshark's
# conversation taps (tshark_conv.py), on the real captures from Zeek's test
# suite in tests/fixtures/net/zeek: every conversation must agree (packets
# and bytes each way), except in ipv4_fragmented-4.pcap, whose overlapping
# fragments tshark pieces together and we drop (RFC 5722, as Linux does):
# there flows must say so.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
Z="$HERE/../../fixtures/net/zeek"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
command -v tshark >/dev/null || { echo "tshark is missing (scripts/deps test installs it)"; exit 77; }
files=()
for f in "$Z"/*.pcap; do
	[ "$(basename "$f")" = ipv4_fragmented-4.pcap ] || files+=("$f")
done
out="$(python3 "$HERE/tshark_conv.py" "$KANSOKU" "${files[@]}" -v)" || { echo "$out"; echo "FAIL tshark_conv.py"; exit 1; }
total="$(printf '%s\n' "$out" | tail -n 1)"
case "$total" in
*" only tshark, 0 only kansoku, 0 differ"*) ;;
*) printf '%s\n' "$out"; echo "FAIL: conversations differ from tshark"; exit 1 ;;
esac
case "$total" in
*", 0 only tshark,"*) ;;
*) printf '%s\n' "$out"; echo "FAIL: conversations only tshark has"; exit 1 ;;
esac
printf '%s\n' "$total"
# the paths shown
"$KANSOKU" flows "$Z/tunnels_vxlan-encapsulated-http.pcap" | grep -q ' vxlan 4789 vni 1 > tcp$' ||
	{ echo "FAIL: no vxlan path"; exit 1; }
"$KANSOKU" flows --json "$Z/pppoe.pcap" | grep -q '"path": "pppoe session 17 > udp"' ||
	{ echo "FAIL: no pppoe path"; "$KANSOKU" flows --json "$Z/pppoe.pcap"; exit 1; }
# overlapping fragments: dropped and said so, never invented
"$KANSOKU" flows "$Z/ipv4_fragmented-4.pcap" | grep -q '^IP fragments: 4, 0 datagrams reassembled, 1 incomplete (left out): 0 timed out, 0 for memory, 1 overlapping' ||
	{ echo "FAIL: overlapping fragments not reported"; "$KANSOKU" flows "$Z/ipv4_fragmented-4.pcap"; exit 1; }
echo "ok"
