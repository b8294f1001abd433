#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# stats on several inputs, as a table: the SOURCE column first, as wide as the
# longest name given. Run from the fixtures with relative paths, because an
# absolute path's width depends on the checkout.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$FIX" || exit 1
"$KANSOKU" stats --sort max net/loopback/slow-servers.pcap mail/incident/incident.log dns/incident-dns.json \
	'smtp/*/RCPT reply time' 'mail/deferred' 'dns/*/loss' >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
diff -u "$HERE/several-table.out" "$TMP/out" || { echo "stdout differs"; exit 1; }
[ ! -s "$TMP/err" ] || { cat "$TMP/err"; echo "unexpected warnings"; exit 1; }
