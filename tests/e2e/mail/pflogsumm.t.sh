#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `kansoku mail summary --json` against Debian's pflogsumm on the real logs:
# every number pflogsumm prints that we also report must be the same once
# formatted the way pflogsumm formats it (k/m units, %.1f delays).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v pflogsumm >/dev/null || { echo "pflogsumm is not installed (scripts/deps test)"; exit 77; }
[ -d "$SHARED/maillog" ] || { echo "../shared/data/maillog is absent"; exit 77; }
fail=0
for log in "$SHARED"/maillog/*.log; do
	name="$(basename "$log")"
	pflogsumm "$log" >"$TMP/$name.pf" 2>"$TMP/$name.pferr" || { echo "pflogsumm failed on $name"; fail=1; continue; }
	"$KANSOKU" mail summary --json --year 2023 "$log" >"$TMP/$name.json" || { echo "kansoku failed on $name"; fail=1; continue; }
	python3 "$HERE/pflogsumm-compare.py" "$TMP/$name.pf" "$TMP/$name.json" "$name" || fail=1
done
exit $fail
