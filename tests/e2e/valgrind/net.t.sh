#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# valgrind memcheck over dump, flows, follow and flowgraph on small crafted
# captures (tests/fixtures/net/gen_pcaps.py and the bad-input generator).
set -u
. "$(dirname "$0")/lib.sh"
python3 "$FIX/net/gen_pcaps.py" "$TMP" >/dev/null || exit 1
python3 "$(dirname "$0")/../badinput/gen_captures.py" "$TMP" || exit 1
T="$TMP/tcp-session.pcap"
vg "dump" 0 dump -nr "$T"
vg "dump -vv -x" 0 dump -nvvxr "$TMP/ipv6.pcap"
vg "dump -e -A DNS" 0 dump -neAr "$TMP/dns.pcap"
vg "dump filter" 0 dump -nr "$TMP/icmp.pcap" icmp
vg "dump -w" 0 dump -r "$T" -w "$TMP/copy.pcap"
vg "dump cooked v2" 0 dump -nr "$TMP/sll2.pcap"
vg "flows" 0 flows "$T"
vg "flows --json" 0 flows --json "$TMP/dns.pcap"
vg "follow" 0 follow "$T"
vg "flowgraph html" 0 flowgraph "$T" -o "$TMP/g.html"
vg "flowgraph svg" 0 flowgraph "$T" -o "$TMP/g.svg"
# errors
vg "cut capture" 2 dump -nr "$TMP/record-header-cut.pcap"
vg "flows of a cut capture" 2 flows "$TMP/block-cut.pcapng"
vg "not a capture" 2 follow "$TMP/garbage.pcap"
vg "bad filter" 2 dump -nr "$T" 'tcp port'
vg "flowgraph of a cut capture" 2 flowgraph "$TMP/record-data-cut.pcap" -o "$TMP/x.html"
finish
