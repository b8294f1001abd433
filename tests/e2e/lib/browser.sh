# SPDX-License-Identifier: MIT
# Sourced by the browser tests (*/browser.t.sh): skips the test (exit 77, saying why)
# unless node, Debian's Chromium and the playwright-core copy `make check` installs
# (build/npm-test, from src/render/package-lock.json) are there; exports
# PLAYWRIGHT_CORE for lib/chromium.cjs. Needs TOP (the top of the checkout).
command -v node >/dev/null || { echo "node is not installed (scripts/deps)"; exit 77; }
[ -x /usr/bin/chromium ] || { echo "chromium is not installed (scripts/deps test)"; exit 77; }
PLAYWRIGHT_CORE="$TOP/build/npm-test/node_modules/playwright-core"
[ -d "$PLAYWRIGHT_CORE" ] || { echo "playwright-core is not installed (make check installs it)"; exit 77; }
export PLAYWRIGHT_CORE
