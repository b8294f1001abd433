#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# flows on crafted captures (pcapgen.py) whose expected tables were worked
# out by hand from the scenario descriptions: retransmissions, reordering,
# holes never filled, RST, refused and half-open connections, mid-stream
# starts, zero windows, keep-alives, IPv6, UDP, port reuse, sequence-number
# wrap, snapshot-length truncation.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
python3 "$HERE/pcapgen.py" "$TMP" || exit 1
cd "$TMP" || exit 1
fail=0
for name in basic retrans reorder midstream states truncated; do
	"$KANSOKU" flows "$name.pcap" >"$name.out" 2>"$name.err"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$name.err" ]; then
		echo "FAIL $name: exit $rc"; cat "$name.err"; fail=1; continue
	fi
	if ! diff -u "$HERE/crafted-$name.out" "$name.out"; then
		echo "FAIL $name: table differs"; fail=1
	fi
done
# per-direction counters of the reorder case, from the JSON
"$KANSOKU" flows --json reorder.pcap >reorder.json || fail=1
python3 - reorder.json <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))["rows"][0]
c, s = r["client_to_server"], r["server_to_client"]
want = {"packets": 8, "payload_bytes": 600, "retransmissions": 1, "out_of_order": 1,
        "holes": 3, "lost_segments": 1, "lost_bytes": 100}
bad = {k: (c[k], v) for k, v in want.items() if c[k] != v}
if bad or s["packets"] != 2 or r["state"] != "reset" or r["closed_by"] != "server" \
        or r["close"] != "rst" or r["rtt_client_ms"] != 2 or r["rtt_server_ms"] != 10:
    print("reorder JSON differs:", bad, r)
    sys.exit(1)
PY
# sorting and --top: the biggest conversation by bytes first
"$KANSOKU" flows --csv --sort bytes --top 2 states.pcap >top.csv || fail=1
ids="$(cut -d, -f1 top.csv | tr '\n' ' ')"
[ "$ids" = "id 2 3 " ] || { echo "FAIL --sort bytes --top 2: ids $ids"; fail=1; }
# a filter keeps only what it matches
"$KANSOKU" flows --csv states.pcap udp >udp.csv || fail=1
[ "$(wc -l <udp.csv)" -eq 2 ] && grep -q '^0,udp,10.0.0.1,53000,10.0.0.53,53,' udp.csv ||
	{ echo "FAIL filter 'udp'"; cat udp.csv; fail=1; }
# stdin
"$KANSOKU" flows - <basic.pcap | tail -n +2 | diff - <(tail -n +2 "$HERE/crafted-basic.out") ||
	{ echo "FAIL reading stdin"; fail=1; }
exit $fail
