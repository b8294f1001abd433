#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# follow on the crafted captures (../flows/pcapgen.py): reordered segments in
# sequence order, retransmissions once, a hole marked and never filled in,
# bytes cut by the snapshot length marked, a mid-stream start, UDP, hostile
# bytes shown as '.', SMTP and HTTP labels. Expected output checked by hand
# against the scenario descriptions.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
python3 "$HERE/../flows/pcapgen.py" "$TMP" || exit 1
cd "$TMP" || exit 1
fail=0
check() {	# name args...
	local name="$1"; shift
	"$KANSOKU" follow "$@" >"$name.out" 2>"$name.err"
	local rc=$?
	if [ $rc -ne 0 ] || [ -s "$name.err" ]; then
		echo "FAIL $name: exit $rc"; cat "$name.err"; fail=1; return
	fi
	diff -u "$HERE/crafted-$name.out" "$name.out" || { echo "FAIL $name differs"; fail=1; }
}
check basic basic.pcap
check retrans retrans.pcap
check reorder reorder.pcap
check midstream midstream.pcap
check truncated truncated.pcap
check hostile-hex --hex hostile.pcap
check hostile hostile.pcap
check states-udp --stream 4 states.pcap
check states-all states.pcap
exit $fail
