#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# -s among several inputs: a SELECT applies to the inputs whose metrics it
# names (-s 'delay/*' in a mail log), an input no SELECT names is included
# whole and the page's note says so; a SELECT naming nothing anywhere is a
# warning, not a failure.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
mail="$FIX/mail/incident/incident.log" dns="$FIX/dns/incident-dns.json"
"$KANSOKU" report "$mail" "$dns" -s 'delay/*' -s 'no/such/*' -o "$TMP/r.html" 2>"$TMP/r.err"
grep -qx "kansoku report: warning: 'no/such/\*' selects no metric of any input" "$TMP/r.err" ||
	{ cat "$TMP/r.err"; exit 1; }
PYTHONPATH="$HERE" python3 - "$TMP/r.html" "$dns" <<'PY'
import sys
import decode

meta, cols = decode.load(open(sys.argv[1], encoding='utf-8').read())
mail, dns = meta['datasets']
paths = [m[0] for m in mail['metrics']]
assert paths and all(p.startswith('delay/') for p in paths), paths
assert len(dns['metrics']) == 26 and dns['metrics'][0][0].startswith('dns/'), dns['metrics'][:2]
note = meta['notes'][0]
assert note == ("Only metrics matching the selection are included: 'delay/*' 'no/such/*'; "
                "no pattern names a metric of %s: it is included whole" % sys.argv[2]), note
print('%d mail metrics selected, %d DNS metrics whole' % (len(paths), len(dns['metrics'])))
PY
# both selected: neither is whole, no note about it
"$KANSOKU" report "$mail" "$dns" -s 'delay/*' -s 'dns/*/loss' -o "$TMP/b.html" 2>"$TMP/b.err"
[ ! -s "$TMP/b.err" ] || { cat "$TMP/b.err"; exit 1; }
! grep -q "included whole" "$TMP/b.html" || { echo "a whole-input note though both are selected"; exit 1; }
