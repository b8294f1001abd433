#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `make check`: unit tests, end-to-end tests, and proof that both harnesses
# report a failing test as failed. Ends with one line "N passed, M failed, K skipped".
#   tests/check.sh UNIT_BINARY KANSOKU_BINARY [REPLAY_DIR]
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
UNIT="$1" KANSOKU="$2" REPLAY="${3:-}"
total_pass=0 total_fail=0 total_skip=0

tally() {	# reads a "N passed, M failed[, K skipped]" line
	local line p f s
	line="$(grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)"
	p="$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')"
	f="$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')"
	s="$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')"
	if [ -z "$line" ]; then f=1 p=0; fi
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f)); total_skip=$((total_skip + ${s:-0}))
}

if [ ! -d "$HERE/../../shared" ] && [ -z "${KANSOKU_SHARED:-}" ]; then
	echo "note: ../shared is absent: tests on the real data files are skipped"
fi

echo "== unit tests"
out="$("$UNIT" 2>&1)"; echo "$out" | grep -v '^PASS' ; tally <<<"$out"

echo "== harness self-tests (each must report a deliberate failure)"
if "$UNIT" --selftest >/dev/null 2>&1; then
	echo "unit harness reports failures: ok"; total_pass=$((total_pass + 1))
else
	echo "FAIL unit harness did not report a deliberately failing test"; total_fail=$((total_fail + 1))
fi
self="$("$HERE/e2e/run.sh" --root "$HERE/selftest" "$KANSOKU" 2>&1)"
if echo "$self" | grep -q '^0 passed, 1 failed'; then
	echo "e2e harness reports failures: ok"; total_pass=$((total_pass + 1))
else
	echo "FAIL e2e harness did not report a deliberately failing case:"; echo "$self"
	total_fail=$((total_fail + 1))
fi

echo "== fuzz regression inputs (tests/fuzz/<target>/)"
for bin in "$REPLAY"/fuzz_*; do
	[ -x "$bin" ] || continue
	name="$(basename "$bin")"
	inputs=("$HERE/fuzz/$name"/*)
	if [ ! -e "${inputs[0]}" ]; then continue; fi
	if "$bin" "${inputs[@]}" >/dev/null 2>"$REPLAY/$name.err"; then
		echo "$name: ${#inputs[@]} inputs ok"; total_pass=$((total_pass + 1))
	else
		echo "FAIL $name on its regression inputs:"; tail -5 "$REPLAY/$name.err" | sed 's/^/    /'
		total_fail=$((total_fail + 1))
	fi
done

echo "== end-to-end tests"
out="$("$HERE/e2e/run.sh" "$KANSOKU" 2>&1)"; echo "$out"; tally <<<"$out"

echo
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ $total_fail -eq 0 ]
