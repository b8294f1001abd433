#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Reassembled bytes, each direction, checked against Wireshark's tshark
# (`-z follow,tcp,raw,N`): for every TCP conversation of the crafted
# captures and of the TCP captures in ../shared/data/tcpdump, the bytes
# `kansoku follow --hex` prints per direction must equal tshark's. tshark
# stops a direction at the first hole, so there only the part before it is
# compared (and we must show the hole).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
command -v tshark >/dev/null || { echo "tshark is missing (scripts/deps test installs it)"; exit 77; }
python3 "$HERE/../flows/pcapgen.py" "$TMP/crafted" || exit 1
files=("$TMP"/crafted/*.pcap)
if [ -d "$SHARED/tcpdump" ]; then
	files+=("$SHARED"/tcpdump/smtp/*.pcap "$SHARED"/tcpdump/pcap/zeek-http-vlan-0.pcap
		"$SHARED"/tcpdump/pcap/print-flags.pcap "$SHARED"/tcpdump/pcap/dns_tcp.pcap
		"$SHARED"/tcpdump/pcap/tfo-5c1fa7f9ae91.pcap "$SHARED"/tcpdump/pcap/zeek-communityid-tcp.pcap
		"$SHARED"/tcpdump/pcap/gso-ipv4.pcap)
else
	echo "note: ../shared/data/tcpdump is absent: crafted captures only"
fi
fail=0 n=0
for f in "${files[@]}"; do
	"$KANSOKU" follow --hex "$f" >"$TMP/ours.txt" 2>"$TMP/ours.err" || {
		echo "FAIL $f: kansoku follow failed"; cat "$TMP/ours.err"; fail=1; continue; }
	"$KANSOKU" flows --json "$f" >"$TMP/flows.json" || { fail=1; continue; }
	streams="$(python3 -c 'import json,sys; print(sum(r["proto"] == "tcp" for r in json.load(open(sys.argv[1]))["rows"]))' "$TMP/flows.json")"
	: >"$TMP/tshark.txt"
	for ((i = 0; i < streams; i++)); do
		tshark -n -r "$f" -q -z "follow,tcp,raw,$i" >>"$TMP/tshark.txt" 2>/dev/null
	done
	python3 - "$TMP/ours.txt" "$TMP/tshark.txt" "$(basename "$f")" <<'PY' || fail=1
import re, sys
name = sys.argv[3]
# ours: per stream, per direction (0 client, 1 server): bytes up to the first gap, gap seen
ours, cur, d = {}, None, None
for line in open(sys.argv[1], encoding="latin-1"):
    m = re.match(r"== stream (\d+) (tcp|udp): client (\S+), server (\S+),", line)
    if m:
        cur = (m.group(3), m.group(4)) if m.group(2) == "tcp" else None
        if cur:
            ours[cur] = [[bytearray(), False], [bytearray(), False]]
        continue
    if cur is None:
        continue
    m = re.match(r"(->|<-|!!) \d+ \S+ (client|server)", line)
    if m:
        d = 0 if m.group(2) == "client" else 1
        if m.group(1) == "!!":
            ours[cur][d][1] = True
        continue
    m = re.match(r"\t0x[0-9a-f]+:  ((?:[0-9a-f]{2,4} ?)+)", line)
    if m and not ours[cur][d][1]:
        ours[cur][d][0] += bytes.fromhex(m.group(1).replace(" ", ""))
# tshark: blocks with Node 0/1 names; lines of node 1 start with a tab
theirs, nodes = {}, None
for line in open(sys.argv[2]):
    if line.startswith("Node 0: "):
        nodes = [line[8:].strip(), None]
    elif line.startswith("Node 1: "):
        nodes[1] = line[8:].strip()
        theirs[tuple(nodes)] = [bytearray(), bytearray()]
    elif nodes and nodes[1] and re.match(r"^\t?[0-9a-f]+$", line.rstrip("\n")):
        theirs[tuple(nodes)][1 if line.startswith("\t") else 0] += bytes.fromhex(line.strip())
def norm(ep):
    return ep
bad = 0
for (cl, sv), dirs in ours.items():
    t = theirs.get((norm(cl), norm(sv)))
    swap = False
    if t is None:
        t = theirs.get((norm(sv), norm(cl)))
        swap = True
    if t is None:
        print("FAIL %s: tshark has no stream %s <-> %s" % (name, cl, sv)); bad = 1; continue
    for d in (0, 1):
        mine, gap = dirs[d]
        th = t[d ^ swap]
        ok = mine == th if not gap else th[:len(mine)] == mine
        if not ok:
            print("FAIL %s: %s <-> %s %s: %d bytes, tshark %d (first difference at %d)" % (
                name, cl, sv, "client" if d == 0 else "server", len(mine), len(th),
                next((i for i in range(min(len(mine), len(th))) if mine[i] != th[i]), min(len(mine), len(th)))))
            bad = 1
if not bad:
    print("ok   %s: %d stream(s), %d bytes match tshark" % (name, len(ours),
          sum(len(d[0]) for v in ours.values() for d in v)))
sys.exit(bad)
PY
	n=$((n + 1))
done
echo "$n captures compared"
exit $fail
