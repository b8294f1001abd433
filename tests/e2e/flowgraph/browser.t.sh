#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# flowgraph HTML in a real browser: Debian's Chromium, headless, driven by
# playwright-core (tests/e2e/lib/browser.sh, lib/chromium.cjs). browser.cjs
# checks: no console errors, one arrow per segment (counts from `kansoku
# flows`), zoom, the conversation list, hostile text. Screenshots: build/test-output/flowgraph/.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
. "$HERE/../lib/browser.sh"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/flowgraph"
mkdir -p "$OUT"
python3 "$HERE/../flows/pcapgen.py" "$TMP" || exit 1
counts() {	# segments per conversation from flows --json
	"$KANSOKU" flows --json "$@" | python3 -c 'import json,sys
print(",".join(str(r["client_to_server"]["packets"] + r["server_to_client"]["packets"])
               for r in json.load(sys.stdin)["rows"]))'
}
fail=0
run() {	# page capture [hostile]
	local html="$TMP/$1.html"
	"$KANSOKU" flowgraph "$2" -o "$html" || { fail=1; return; }
	node "$HERE/browser.cjs" "$html" "$(counts "$2")" "$OUT" "${3:-}" || fail=1
}
run states "$TMP/states.pcap"
run bulk "$TMP/bulk.pcap"
run hostile "$TMP/hostile.pcap" 'EHLO <img src=x onerror=alert(2)>'
if [ -f "$SHARED/tcpdump/smtp/zeek-smtp.pcap" ]; then
	run zeek-smtp "$SHARED/tcpdump/smtp/zeek-smtp.pcap"
else
	echo "note: ../shared is absent: the real SMTP capture is not drawn"
fi
exit $fail
