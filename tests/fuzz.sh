#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run every libFuzzer target for a bounded time; fail on any crash, leak or
# sanitizer report. Seeds come from tests/fuzz/<target>/ when present (each
# target's own corpus), else the target starts from nothing.
#   tests/fuzz.sh [SECONDS_PER_TARGET]        (default 60)
# Crashes are kept in build/fuzz/crashes/<target>/: add each one as a
# regression input under tests/fuzz/<target>/ once fixed.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/.." && pwd)"
SECS="${1:-60}"
cd "$TOP"
make -s fuzz || exit 2
pass=0 fail=0
for bin in build/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name="$(basename "$bin")"
	corpus="build/fuzz/corpus/$name"; crashes="build/fuzz/crashes/$name"
	mkdir -p "$corpus" "$crashes"
	seeds=()
	[ -d "tests/fuzz/$name" ] && seeds+=("tests/fuzz/$name")
	log="build/fuzz/$name.log"
	# -rss_limit_mb keeps one target from starving the machine
	if "$bin" -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 \
		-artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" "${seeds[@]}" >"$log" 2>&1; then
		runs="$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')"
		cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1)"
		echo "PASS $name: ${runs:-?} executions, ${cov:-cov: ?}"
		pass=$((pass + 1))
	else
		echo "FAIL $name (see $log; inputs in $crashes)"
		grep -E 'ERROR|SUMMARY' "$log" | head -5 | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
