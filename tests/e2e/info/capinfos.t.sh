# SPDX-License-Identifier: MIT
# `kansoku info CAPTURE --json` against capinfos (Wireshark's) on the same files:
# packets, bytes (on the wire: capinfos' data size), first and last packet time, snaplen; and the
# conversation count against `kansoku flows`. Our fixtures, and the shared
# captures when ../shared is there.
set -eu
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
command -v capinfos >/dev/null || { echo "capinfos is not installed (scripts/deps test)"; exit 77; }
files=("$FIX"/net/zeek/*.pcap "$FIX/net/loopback/slow-servers.pcap")
if [ -d "$SHARED/tcpdump/pcap" ]; then
	files+=("$SHARED"/tcpdump/pcap/zeek-*.pcap "$SHARED"/tcpdump/pcap/dns*.pcap "$SHARED/tcpdump/pcap/empty.pcapng")
else
	echo "note: ../shared is absent: only the fixtures are compared"
fi
n=0
for f in "${files[@]}"; do
	"$KANSOKU" info --json "$f" >"$TMP/ours.json"
	capinfos -M -S -c -d -a -e -l "$f" >"$TMP/theirs.txt" 2>/dev/null || { echo "note: capinfos cannot read $f"; continue; }
	"$KANSOKU" flows --csv "$f" >"$TMP/flows.csv" 2>/dev/null
	python3 - "$f" "$TMP/ours.json" "$TMP/theirs.txt" "$TMP/flows.csv" <<'PY'
import datetime, json, sys
name, ours, theirs, flows = sys.argv[1:5]
o = json.load(open(ours))
t = {}
for line in open(theirs):
    if ':' in line:
        k, v = line.split(':', 1)
        t[k.strip()] = v.strip()
def epoch(s):
    if s is None:
        return 'n/a'
    d = datetime.datetime.strptime(s.rstrip('Z')[:26], '%Y-%m-%dT%H:%M:%S.%f')
    return '%d.%06d' % (d.replace(tzinfo=datetime.timezone.utc).timestamp(), d.microsecond)
snap = t['Packet size limit'].replace('file hdr: ', '').replace('inferred: ', '').replace(' bytes', '')
got = {'packets': str(o['packets']), 'data': '%d bytes' % o['wire_bytes'], 'first': epoch(o['first']),
       'last': epoch(o['last']), 'snaplen': str(o['snaplen'])}
want = {'packets': t['Number of packets'], 'data': t['Data size'], 'first': t['First packet time'],
        'last': t['Last packet time'], 'snaplen': snap}
if snap == '(not set)':
    del got['snaplen'], want['snaplen']
convs = sum(1 for _ in open(flows)) - 1
bad = [k for k in want if got[k] != want[k]]
if convs >= 0 and o['conversations'] != convs:
    bad.append('conversations %d, flows lists %d' % (o['conversations'], convs))
if bad:
    print('FAIL %s: %s (ours %s, capinfos %s)' % (name, bad, got, want))
    sys.exit(1)
PY
	n=$((n + 1))
done
echo "compared $n captures with capinfos"
[ "$n" -gt 0 ]
# compressed, the same summary (the wrapping said)
gzip -c "$FIX/net/loopback/slow-servers.pcap" >"$TMP/c.pcap.gz"
"$KANSOKU" info --json "$FIX/net/loopback/slow-servers.pcap" | grep -v '"source"\|"wrapping"' >"$TMP/plain.json"
"$KANSOKU" info --json "$TMP/c.pcap.gz" >"$TMP/gz.json"
grep -q '"wrapping": "gzip"' "$TMP/gz.json" || { echo "FAIL the gzip wrapping is not said"; exit 1; }
grep -v '"source"\|"wrapping"' "$TMP/gz.json" | diff "$TMP/plain.json" - || { echo "FAIL a compressed capture is told otherwise"; exit 1; }
