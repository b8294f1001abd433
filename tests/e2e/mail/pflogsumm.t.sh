#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `kansoku mail summary --json` against Debian's pflogsumm on real and
# purpose-written Postfix logs: every number pflogsumm prints that we also
# report must be the same once formatted the way pflogsumm formats it (k/m
# units, %.1f delays); see pflogsumm-compare.py for what is compared and
# for the documented differences it allows.
#
# Logs: tests/fixtures/mail/pflogsumm (see its README.md) and the real
# logs in ../shared/data/maillog when that directory exists. When the log's
# Postfix lines are all of one non-default instance (syslog_name
# postfix-mx7), kansoku reports that instance and pflogsumm runs with
# --syslog-name=postfix-mx7; with several instances both report "postfix".
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v pflogsumm >/dev/null || { echo "pflogsumm is not installed (scripts/deps test)"; exit 77; }
logs=("$FIX"/mail/pflogsumm/*.log)
if [ -d "$SHARED/maillog" ]; then
	logs+=("$SHARED"/maillog/*.log)
else
	echo "../shared/data/maillog is absent: its real logs are not compared"
fi
fail=0
for log in "${logs[@]}"; do
	name="$(basename "$log")"
	"$KANSOKU" mail summary --json --year 2023 "$log" >"$TMP/$name.json" 2>"$TMP/$name.err" ||
		{ echo "kansoku failed on $name"; cat "$TMP/$name.err"; fail=1; continue; }
	inst="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["instance"])' "$TMP/$name.json")"
	opt=()
	[ "$inst" = postfix ] || opt=(--syslog-name="$inst")
	pflogsumm "${opt[@]}" "$log" >"$TMP/$name.pf" 2>"$TMP/$name.pferr" || { echo "pflogsumm failed on $name"; fail=1; continue; }
	python3 "$HERE/pflogsumm-compare.py" "$TMP/$name.pf" "$TMP/$name.json" "$name" || fail=1
done
exit $fail
