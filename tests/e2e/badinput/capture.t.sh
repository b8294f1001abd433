#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Damaged capture files through dump, flows, follow, flowgraph and report: libpcap's
# message with the packet number and byte offset where reading stopped, exit
# status 2, no flowgraph file; what was read before the damage is printed
# (dump prints packets as they come, as tcpdump does; flows and follow print
# what they gathered) and `dump -w` keeps the packets before the damage: a
# valid capture, the usual way of salvaging a cut one. dump's packets are
# compared with tcpdump's when it is installed. See README.md here.
set -u
. "$(dirname "$0")/lib.sh"
python3 "$(dirname "$0")/gen_captures.py" "$TMP" || exit 1
cd "$TMP"
have_tcpdump=0
command -v tcpdump >/dev/null && have_tcpdump=1
ETH='link-type EN10MB (Ethernet), snapshot length 65535'

# file, exit status, libpcap's message (with where), the header line dump prints ("" = none)
while IFS='|' read -r f rc msg head; do
	[ -n "$f" ] || continue
	d="kansoku dump: \$TMP/$f: $msg"
	[ -n "$head" ] && d="reading from file \$TMP/$f, $head
$d"
	[ "$rc" = 0 ] && d="reading from file \$TMP/$f, $head"
	expect "dump $f" "$rc" "$d" -- dump -nr "$TMP/$f"
	if [ $have_tcpdump = 1 ] && [ "$f" != unknown-linktype.pcap ]; then
		tcpdump -nr "$TMP/$f" >"$TMP/tcpdump.out" 2>/dev/null
		last_stdout | cmp -s - "$TMP/tcpdump.out" ||
			{ echo "FAIL dump $f: packets differ from tcpdump's"; last_stdout; cat "$TMP/tcpdump.out"; fails=$((fails + 1)); }
	fi
	for cmd in flows follow; do
		e=""
		[ "$rc" = 2 ] && e="kansoku $cmd: \$TMP/$f: $msg"
		expect "$cmd $f" "$rc" "$e" -- $cmd "$TMP/$f"
	done
	e=""
	[ "$rc" = 2 ] && e="kansoku flowgraph: \$TMP/$f: $msg"
	expect "flowgraph $f" "$rc" "$e" --out "$TMP/graph.html" --stdout-empty -- flowgraph "$TMP/$f" -o "$TMP/graph.html"
	rm -f "$TMP/graph.html"
	e=""
	[ "$rc" = 2 ] && e="kansoku report: \$TMP/$f: $msg"
	expect "report $f" "$rc" "$e" --out "$TMP/report.html" --stdout-empty -- report "$TMP/$f" -o "$TMP/report.html"
	rm -f "$TMP/report.html"
done <<EOT
empty.pcap|2|truncated dump file; tried to read 4 file header bytes, only got 0|
garbage.pcap|2|unknown file format|
header-cut.pcap|2|truncated dump file; tried to read 24 file header bytes, only got 6|
header-only.pcap|0||$ETH
record-header-cut.pcap|2|packet 2 at byte 94: truncated dump file; tried to read 16 header bytes, only got 9|$ETH
record-data-cut.pcap|2|packet 2 at byte 94: truncated dump file; tried to read 54 captured bytes, only got 14|$ETH
caplen-over-snaplen.pcap|0||link-type EN10MB (Ethernet), snapshot length 40
caplen-huge.pcap|2|packet 2 at byte 94: invalid packet capture length 2147483647, bigger than snaplen of 65535|$ETH
unknown-blocks.pcapng|0||$ETH
block-cut.pcapng|2|packet 2 at byte 136: truncated pcapng dump file; tried to read 80 bytes, only got 22|$ETH
block-length-bad.pcapng|2|packet 1 at byte 48: truncated pcapng dump file; tried to read 80 bytes, only got 12|$ETH
packet-before-interface.pcapng|2|the capture file has a packet block before any Interface Description Blocks|
EOT

# what each of them read (the first SYN of two in the cut files; both from the pcapng with unknown blocks)
expect "dump unknown blocks" 0 "reading from file \$TMP/unknown-blocks.pcapng, $ETH" -- dump -nr "$TMP/unknown-blocks.pcapng"
[ "$(last_stdout)" = "22:13:20.000000 IP 192.0.2.1.40000 > 192.0.2.2.25: Flags [S], seq 1000, win 65535, length 0
22:13:21.000000 IP 192.0.2.1.40000 > 192.0.2.2.25: Flags [S], seq 1000, win 65535, length 0" ] ||
	{ echo "FAIL dump unknown blocks: packets"; last_stdout; fails=$((fails + 1)); }

# a record shorter on the wire than captured (len 20 < caplen 54, packet 2 of 3): tcpdump
# prints "[Invalid header ...]" for it and decodes nothing. dump does the same; the
# conversation commands count it as read, leave it out of the conversations and say which
# packet it was
f=len-under-caplen.pcap
expect "dump invalid record header" 0 "reading from file \$TMP/$f, $ETH" -- dump -nr "$TMP/$f"
[ "$(last_stdout | sed -n 2p)" = "[Invalid header: len(20) < caplen(54)]" ] ||
	{ echo "FAIL dump invalid record header"; last_stdout; fails=$((fails + 1)); }
if [ $have_tcpdump = 1 ]; then
	tcpdump -nr "$TMP/$f" >"$TMP/tcpdump.out" 2>/dev/null
	last_stdout | cmp -s - "$TMP/tcpdump.out" ||
		{ echo "FAIL dump $f: packets differ from tcpdump's"; last_stdout; cat "$TMP/tcpdump.out"; fails=$((fails + 1)); }
else
	last_stdout >"$TMP/tcpdump.out"	# dump's packets stand in (checked against tcpdump elsewhere)
fi
warn="warning: \$TMP/$f: packet 2: invalid record header, len 20 < caplen 54: left out of the conversations"
expect "flows $f" 0 "kansoku flows: $warn" -- flows --json "$TMP/$f"
# as many packets as tcpdump read, as many in conversations as it decoded
want="$(awk '{ n++ } !/^\[Invalid header/ { d++ } END { print n + 0, d + 0 }' "$TMP/tcpdump.out")"
got="$(last_stdout | python3 -c 'import json, sys; d = json.load(sys.stdin)
print(d["packets"], sum(r["client_to_server"]["packets"] + r["server_to_client"]["packets"] for r in d["rows"]))')"
[ "$got" = "$want" ] ||
	{ echo "FAIL flows $f: packets, in conversations: $got; tcpdump: $want"; fails=$((fails + 1)); }
expect "follow $f" 0 "kansoku follow: $warn" -- follow "$TMP/$f"
expect "flowgraph $f" 0 "kansoku flowgraph: $warn" -- flowgraph "$TMP/$f" -o "$TMP/graph.svg"
grep -c '<g class="seg' "$TMP/graph.svg" | grep -qx 2 ||
	{ echo "FAIL flowgraph $f: not 2 segments drawn"; fails=$((fails + 1)); }
expect "flows cut record" 2 "kansoku flows: \$TMP/record-data-cut.pcap: packet 2 at byte 94: truncated dump file; tried to read 54 captured bytes, only got 14" \
	-- flows "$TMP/record-data-cut.pcap" --json
last_stdout | python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["packets"] == 1 and d["conversations"] == 1, d' ||
	{ echo "FAIL flows cut record: not what was read"; last_stdout | head -5; fails=$((fails + 1)); }
# read as numbers over time: the conversation open when reading stopped is freed too
# (under the sanitizers a leak report would be on standard error)
for cmd in check stats; do
	expect "$cmd cut record" 2 "kansoku $cmd: \$TMP/record-data-cut.pcap: packet 2 at byte 94: truncated dump file; tried to read 54 captured bytes, only got 14" \
		--stdout-empty -- $cmd "$TMP/record-data-cut.pcap"
done
expect "flows unknown link type" 0 "kansoku flows: warning: \$TMP/unknown-linktype.pcap: link type 147 (unknown) is not one kansoku decodes; its packets are counted only" \
	-- flows "$TMP/unknown-linktype.pcap"
expect "dump unknown link type" 0 "reading from file \$TMP/unknown-linktype.pcap, link-type 147, snapshot length 65535" \
	-- dump -nr "$TMP/unknown-linktype.pcap"

# salvage: -w keeps the packet before the damage, as a capture libpcap reads
expect "dump -w of a cut file" 2 "reading from file \$TMP/record-header-cut.pcap, $ETH
kansoku dump: \$TMP/record-header-cut.pcap: packet 2 at byte 94: truncated dump file; tried to read 16 header bytes, only got 9" \
	-- dump -r "$TMP/record-header-cut.pcap" -w "$TMP/salvaged.pcap"
expect "dump the salvaged file" 0 "reading from file \$TMP/salvaged.pcap, $ETH" -- dump -nr "$TMP/salvaged.pcap"
[ "$(last_stdout)" = "22:13:20.000000 IP 192.0.2.1.40000 > 192.0.2.2.25: Flags [S], seq 1000, win 65535, length 0" ] ||
	{ echo "FAIL salvaged file"; last_stdout; fails=$((fails + 1)); }
finish
