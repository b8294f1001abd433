# SPDX-License-Identifier: MIT
# `kansoku report CAPTURE`: the response-time charts per server. On the
# loopback recording of slow and healthy servers (tests/fixtures/net/loopback),
# every answered exchange `kansoku exchanges` lists is a dot on its server's
# chart at the time its answer began (resptime_check.py), the findings about a
# server link to its chart with their episode marked, and in headless Chromium
# the charts are drawn with every dot and a finding's link brings its server's
# chart into view (resptime.cjs). Screenshots go to build/test-output/report-resptime/.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/report-resptime"
PCAP="$FIX/net/loopback/slow-servers.pcap"
"$KANSOKU" report "$PCAP" -o "$TMP/page.html"
"$KANSOKU" exchanges --csv "$PCAP" >"$TMP/exchanges.csv"
(cd "$HERE" && python3 resptime_check.py "$TMP/page.html" "$TMP/exchanges.csv" "$TMP/expect.json")
if ( . "$TOP/tests/e2e/lib/browser.sh" ) >"$TMP/why"; then
	. "$TOP/tests/e2e/lib/browser.sh"
	node "$HERE/resptime.cjs" "$TMP/page.html" "$OUT" "$TMP/expect.json"
else
	echo "note: no browser check: $(cat "$TMP/why")"
fi
