#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Rewrite the expected output of end-to-end cases from the current binary, on purpose.
#   tests/e2e/regen.sh KANSOKU COMMAND [NAME]
# Review the diff (git diff tests/e2e) before committing: this makes the tests pass by definition.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../.." && pwd)"
[ $# -ge 2 ] || { sed -n '3,5p' "$0" >&2; exit 2; }
KANSOKU="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
dir="$HERE/$2" only="${3:-}"
SHARED="$(cd "$TOP/.." && pwd)/shared/data"
FIX="$TOP/tests/fixtures"
export TZ=UTC LC_ALL=C KANSOKU SHARED FIX
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
	case "$line" in ''|'#'*) continue ;; esac
	name="${line%%$'\t'*}"; rest="${line#*$'\t'}"; args="${rest#*$'\t'}"
	[ "$args" = "$rest" ] && args=""
	[ -n "$only" ] && [ "$name" != "$only" ] && continue
	TMP="$WORK/$name"; mkdir -p "$TMP"; export TMP
	(cd "$TMP" && eval "\"\$KANSOKU\" $args") >"$TMP/.stdout" 2>"$TMP/.stderr" </dev/null || true
	for s in out err; do
		f="$TMP/.std$s"; [ $s = out ] && f="$TMP/.stdout" || f="$TMP/.stderr"
		sed -e "s#$TMP#\$TMP#g" -e "s#$SHARED#\$SHARED#g" -e "s#$FIX#\$FIX#g" "$f" >"$dir/$name.$s"
		[ -s "$dir/$name.$s" ] || rm -f "$dir/$name.$s"
	done
	echo "regenerated $2/$name"
done <"$dir/cases"
