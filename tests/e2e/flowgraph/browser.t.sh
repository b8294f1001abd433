#!/usr/bin/env bash
# flowgraph HTML in a real browser: Debian's Chromium, headless, driven by
# playwright-core (the copy `make check` installs for the report's browser
# test, from src/render/package-lock.json). browser.cjs checks: no console
# errors, one arrow per segment (counts from `kansoku flows`), zoom, the
# conversation list, hostile text. Screenshots: build/test-output/flowgraph/.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
PW="$TOP/build/npm-test/node_modules/playwright-core"
command -v node >/dev/null || { echo "node is not installed (scripts/deps)"; exit 77; }
[ -x /usr/bin/chromium ] || { echo "chromium is not installed (scripts/deps test)"; exit 77; }
[ -d "$PW" ] || { echo "playwright-core is not installed (make check installs it)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
export PLAYWRIGHT_CORE="$PW"
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
