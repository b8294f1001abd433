#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end tests: run the built binary and compare what it prints.
#   tests/e2e/run.sh [--root DIR] [-v] KANSOKU [FILTER]
#
# Two kinds of tests live in tests/e2e/<command>/:
#   cases      one case per line:  NAME <TAB> EXIT <TAB> ARGS
#              ARGS are shell words after "kansoku" (redirections allowed) and
#              may use $SHARED (../shared/data), $FIX (tests/fixtures) and
#              $TMP (an empty directory for this case). Expected stdout is
#              NAME.out (absent = empty), expected stderr NAME.err (absent =
#              empty). Paths under $TMP and $SHARED print as those names.
#              A case that uses $SHARED is skipped when ../shared is absent.
#   *.t.sh     a script test, run with KANSOKU, SHARED, FIX, TMP set;
#              exit 0 = pass, 77 = skip (say why on stdout), anything else fails.
# Every case runs with TZ=UTC LC_ALL=C. Ends with "N passed, M failed, K skipped".
# tests/e2e/regen.sh rewrites expected files on purpose.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../.." && pwd)"
ROOT="$HERE" VERBOSE=0
while [ $# -gt 0 ]; do
	case "$1" in
	--root) ROOT="$(cd "$2" && pwd)"; shift 2 ;;
	-v) VERBOSE=1; shift ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || { sed -n '3,4p' "$0" >&2; exit 2; }
KANSOKU="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
FILTER="${2:-}"
SHARED="$(cd "$TOP/.." && pwd)/shared/data"
[ -n "${KANSOKU_SHARED:-}" ] && SHARED="$KANSOKU_SHARED/data"
FIX="$TOP/tests/fixtures"
export TZ=UTC LC_ALL=C KANSOKU SHARED FIX
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kansoku-e2e.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

pass=0 fail=0 skip=0
have_shared=0
[ -d "$SHARED" ] && have_shared=1

normalize() {
	# paths that differ between machines print as their variable names
	sed -e "s#$TMP#\$TMP#g" -e "s#$SHARED#\$SHARED#g" -e "s#$FIX#\$FIX#g" "$1"
}

run_case() {	# dir name exit args
	local dir="$1" name="$2" want_exit="$3" args="$4" id rc reason=""
	id="$(basename "$dir")/$name"
	if [ -n "$FILTER" ] && [[ "$id" != *"$FILTER"* ]]; then return; fi
	if [[ "$args" == *'$SHARED'* ]] && [ $have_shared -eq 0 ]; then
		skip=$((skip + 1)); echo "SKIP $id (../shared/data is absent)"; return
	fi
	TMP="$WORK/$(basename "$dir")-$name"; mkdir -p "$TMP"; export TMP
	(cd "$TMP" && eval "\"\$KANSOKU\" $args") >"$TMP/.stdout" 2>"$TMP/.stderr" </dev/null
	rc=$?
	normalize "$TMP/.stdout" >"$TMP/.out"; normalize "$TMP/.stderr" >"$TMP/.err"
	local exp_out="$dir/$name.out" exp_err="$dir/$name.err"
	if [ "$rc" != "$want_exit" ]; then reason="exit status $rc, expected $want_exit"
	elif ! cmp -s <(cat "$exp_out" 2>/dev/null) "$TMP/.out"; then reason="stdout differs"
	elif ! cmp -s <(cat "$exp_err" 2>/dev/null) "$TMP/.err"; then reason="stderr differs"
	fi
	if [ -z "$reason" ]; then
		pass=$((pass + 1)); [ $VERBOSE -eq 1 ] && echo "PASS $id"
	else
		fail=$((fail + 1)); echo "FAIL $id ($reason)"
		case "$reason" in
		stdout*) diff -u <(cat "$exp_out" 2>/dev/null) "$TMP/.out" | head -30 | sed 's/^/    /' ;;
		stderr*) diff -u <(cat "$exp_err" 2>/dev/null) "$TMP/.err" | head -30 | sed 's/^/    /' ;;
		*) head -5 "$TMP/.err" | sed 's/^/    stderr: /' ;;
		esac
	fi
}

run_script() {	# path
	local script="$1" id rc out
	id="$(basename "$(dirname "$script")")/$(basename "$script" .t.sh)"
	if [ -n "$FILTER" ] && [[ "$id" != *"$FILTER"* ]]; then return; fi
	TMP="$WORK/${id//\//-}"; mkdir -p "$TMP"; export TMP
	out="$(cd "$TMP" && bash "$script" 2>&1)"; rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1)); [ $VERBOSE -eq 1 ] && echo "PASS $id"
	elif [ $rc -eq 77 ]; then
		skip=$((skip + 1)); echo "SKIP $id ($(echo "$out" | tail -1))"
	else
		fail=$((fail + 1)); echo "FAIL $id (exit status $rc)"; echo "$out" | tail -20 | sed 's/^/    /'
	fi
}

for dir in "$ROOT"/*/; do
	dir="${dir%/}"
	if [ -f "$dir/cases" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			case "$line" in ''|'#'*) continue ;; esac
			name="${line%%$'\t'*}"; rest="${line#*$'\t'}"
			code="${rest%%$'\t'*}"; args="${rest#*$'\t'}"
			[ "$args" = "$rest" ] && args=""
			run_case "$dir" "$name" "$code" "$args"
		done <"$dir/cases"
	fi
	for script in "$dir"/*.t.sh; do
		[ -e "$script" ] && run_script "$script"
	done
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
