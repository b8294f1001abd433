# SPDX-License-Identifier: MIT
# A real browser opens a `dns bench -o` page: Debian's Chromium, headless, driven by
# playwright-core (tests/e2e/lib/browser.sh, lib/chromium.cjs). Checks (browser.cjs):
# no console errors or network requests, the answer-time charts and the CDF chart drawn, the CDF on
# its own value axis, zooms kept apart, a hostile name as text. Screenshot in
# build/test-output/dns-bench/.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
. "$HERE/../lib/browser.sh"
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/dns-bench"
. "$HERE/responder.sh"
hostile='<b>x</b>.test'
start_responder A 127.0.0.1 "slow.test=2ms,0us,0us,0us" "fast.test=0us"
start_responder B 127.0.0.1 "slow.test=1ms" "fast.test=100us"
"$KANSOKU" dns bench "@127.0.0.1:$A_PORT" "@127.0.0.1:$B_PORT" -q slow.test -q fast.test \
	-q "$hostile" -n 40 -i 0 -o "$TMP/b.html" >/dev/null
stop_responders
node "$HERE/browser.cjs" "$TMP/b.html" 2 3 "$hostile" "$OUT"
