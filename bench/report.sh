#!/bin/sh
# SPDX-License-Identifier: MIT
# How big and how quick an HTML report of a ~30 MB esxtop file is.
#   bench/report.sh [SIZE]      (default 30M; needs `make`, `make esxgen`,
#                                chromium and build/npm-test from `make check`)
# Prints the page's size against the CSV and against gzip -6 of the CSV (the
# obvious way to ship the data), the time kansoku takes to write it, and the
# time headless Chromium takes to open it and draw the dashboard.
set -eu
cd "$(dirname "$0")/.."
size="${1:-30M}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
make -s esxgen
build/esxgen --size "$size" -o "$work/esx.csv"
csv=$(wc -c <"$work/esx.csv")
gz=$(gzip -6 -c "$work/esx.csv" | wc -c)
/usr/bin/time -f '%e s %M KB' -o "$work/time" ./kansoku report "$work/esx.csv" -o "$work/r.html"
html=$(wc -c <"$work/r.html")
echo "csv $csv bytes, $(./kansoku info "$work/esx.csv" | sed -n 's/^columns *//p') columns"
echo "html $html bytes: html/csv $(echo "scale=3; $html / $csv" | bc), html/gzip(csv) $(echo "scale=3; $html / $gz" | bc)"
echo "kansoku report: $(cat "$work/time") (wall, max RSS)"
if [ -x /usr/bin/chromium ] && [ -d build/npm-test/node_modules/playwright-core ]; then
	PLAYWRIGHT_CORE="$(pwd)/build/npm-test/node_modules/playwright-core" node bench/report-open.cjs "$work/r.html" 5
else
	echo "chromium or playwright-core missing: open time not measured"
fi
