#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check on several inputs, as a table: one ranked table naming each source.
# Run from the fixtures with relative paths, because the SOURCE column is as
# wide as the longest path given and an absolute path depends on the checkout.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$FIX" || exit 1
fail=0

expect() {	# name exit-status args...
	local name="$1" want="$2" rc
	shift 2
	"$KANSOKU" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "$name: exit status $rc, expected $want"; fail=1
	fi
	for s in out err; do
		if ! diff -u <(cat "$HERE/$name.$s" 2>/dev/null) "$TMP/$name.$s"; then
			echo "$name: std$s differs"; fail=1
		fi
	done
}

expect mixed-incident 0 check mail/incident/incident.log dns/incident-dns.json
expect mixed-select 0 check mail/incident/incident.log dns/incident-dns.json 'mail/*' 'dns/*/loss'
expect mixed-keep-going 2 check --keep-going dns/damaged.json mail/incident/incident.log
exit $fail
