#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Response times against Wireshark's tshark (an independent dissector) on
# real captures: the Zeek captures under tests/fixtures/net/zeek and the
# shared SMTP captures (../shared/data/tcpdump/smtp). tshark_oracle.py
# pairs DNS by dns.time/dns.response_to, HTTP by http.request_in and the
# response's first segment, SMTP commands and replies in order per stream;
# every pair must agree within 1 us, and the unanswered DNS queries must be
# the same.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
command -v tshark >/dev/null || { echo "tshark is missing (scripts/deps test installs it)"; exit 77; }
files=("$FIX"/net/zeek/*.pcap)
if [ -d "$SHARED/tcpdump/smtp" ]; then
	files+=("$SHARED"/tcpdump/smtp/*.pcap)
else
	echo "note: ../shared/data/tcpdump/smtp is absent: committed captures only"
fi
fail=0 n=0
for f in "${files[@]}"; do
	"$KANSOKU" exchanges --json "$f" >"$TMP/ours.json" 2>"$TMP/ours.err" ||
		{ echo "FAIL $f: kansoku exchanges failed"; cat "$TMP/ours.err"; fail=1; continue; }
	python3 "$HERE/tshark_oracle.py" "$f" "$TMP/ours.json" >"$TMP/cmp.txt" 2>&1 ||
		{ echo "FAIL $f:"; cat "$TMP/cmp.txt"; fail=1; continue; }
	n=$((n + 1))
done
echo "$n captures agree with tshark"
exit $fail
