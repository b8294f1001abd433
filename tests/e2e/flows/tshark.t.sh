#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Per-conversation packet and byte counts, each way, checked against
# Wireshark's tshark (an independent implementation): tshark assigns every
# packet a tcp.stream/udp.stream; we add up frames and frame lengths per
# stream and direction and compare with `kansoku flows --json`, on the
# crafted captures and on every capture in ../shared/data/tcpdump.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
command -v tshark >/dev/null || { echo "tshark is missing (scripts/deps test installs it)"; exit 77; }
python3 "$HERE/pcapgen.py" "$TMP/crafted" || exit 1
files=("$TMP"/crafted/*.pcap)
if [ -d "$SHARED/tcpdump/pcap" ]; then
	files+=("$SHARED"/tcpdump/pcap/*.pcap "$SHARED"/tcpdump/pcap/*.pcapng)
else
	echo "note: ../shared/data/tcpdump is absent: crafted captures only"
fi
fail=0 checked=0
for f in "${files[@]}"; do
	[ -e "$f" ] || continue
	"$KANSOKU" flows --json "$f" >"$TMP/ours.json" 2>"$TMP/ours.err" || {
		echo "FAIL $f: kansoku flows failed"; cat "$TMP/ours.err"; fail=1; continue; }
	# Wireshark reassembles IP fragments and reads tunnels; we count the packets we can
	# place in a TCP/UDP conversation, so compare only captures without either.
	tshark -n -r "$f" -o tcp.analyze_sequence_numbers:FALSE -T fields -E separator=/t \
		-e frame.len -e tcp.stream -e udp.stream -e ip.src -e ipv6.src -e tcp.srcport \
		-e udp.srcport -e ip.flags.mf -e ip.frag_offset -e frame.protocols \
		>"$TMP/tshark.tsv" 2>"$TMP/tshark.err" || {
		echo "FAIL $f: tshark failed"; cat "$TMP/tshark.err"; fail=1; continue; }
	python3 - "$TMP/ours.json" "$TMP/tshark.tsv" "$f" <<'PY'
import collections, json, sys
ours = json.load(open(sys.argv[1]))
name = sys.argv[3].rsplit("/", 1)[-1]
conv = collections.OrderedDict()
skip = None
for line in open(sys.argv[2]):
    cols = line.rstrip("\n").split("\t")
    flen, ts, us, s4, s6, tp, up, mf, foff, protos = (cols + [""] * 10)[:10]
    layers = protos.split(":")
    if "icmp" in layers or "icmpv6" in layers:
        continue        # tshark files the TCP header quoted in an ICMP error under its stream
    if "1" in mf.split(",") or foff.strip("0,") or layers.count("ip") + layers.count("ipv6") > 1:
        skip = "IP fragments or tunnels"
        continue
    if ts:
        key, port = ("tcp", ts), tp
    elif us:
        key, port = ("udp", us), up
    else:
        continue
    src = (s4 or s6).split(",")[0]
    if key not in conv:
        conv[key] = {"first": (src, port), "n": [0, 0], "b": [0, 0]}
    c = conv[key]
    d = 0 if (src, port) == c["first"] else 1
    c["n"][d] += 1
    c["b"][d] += int(flen)
if skip:
    print("skip %s: %s" % (name, skip))
    sys.exit(0)
# tshark numbers streams per protocol; ours count both in order of first packet
theirs = sorted(conv.values(), key=lambda c: 0)
rows = ours["rows"]
if len(rows) != len(conv):
    print("FAIL %s: %d conversations, tshark %d" % (name, len(rows), len(conv)))
    sys.exit(1)
bad = 0
bykey = {}
for c in conv.values():
    bykey.setdefault(c["first"], []).append(c)
for r in rows:
    ends = {(r["server"]["address"], str(r["server"]["port"])): 1}
    ends[(r["client"]["address"], str(r["client"]["port"]))] = 0   # a host talking to itself: 0
    cands = bykey.get((r["client"]["address"], str(r["client"]["port"]))) or \
        bykey.get((r["server"]["address"], str(r["server"]["port"]))) or []
    got = None
    for c in cands:
        if c["first"] not in ends:
            continue
        # tshark's first sender is side ends[first]
        d0 = ends[c["first"]]
        n = [0, 0]; b = [0, 0]
        n[d0], n[1 - d0] = c["n"][0], c["n"][1]
        b[d0], b[1 - d0] = c["b"][0], c["b"][1]
        mine_n = [r["client_to_server"]["packets"], r["server_to_client"]["packets"]]
        mine_b = [r["client_to_server"]["bytes"], r["server_to_client"]["bytes"]]
        if n == mine_n and b == mine_b:
            got = c
            break
    if got is None:
        print("FAIL %s: conversation %d %s:%s <-> %s:%s: packets %s bytes %s not found in tshark's %s"
              % (name, r["id"], r["client"]["address"], r["client"]["port"], r["server"]["address"],
                 r["server"]["port"],
                 [r["client_to_server"]["packets"], r["server_to_client"]["packets"]],
                 [r["client_to_server"]["bytes"], r["server_to_client"]["bytes"]],
                 [(c["first"], c["n"], c["b"]) for c in cands]))
        bad = 1
    else:
        cands.remove(got)
if not bad:
    print("ok   %s: %d conversation(s) match tshark" % (name, len(rows)))
sys.exit(bad)
PY
	case $? in 0) checked=$((checked + 1)) ;; *) fail=1 ;; esac
done
echo "$checked captures checked"
exit $fail
