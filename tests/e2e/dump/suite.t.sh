#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tcpdump's own test suite (../shared/data/tcpdump-suite: 700 cases with the
# text Debian's tcpdump 4.99.3 prints) against `kansoku dump`. Fails when
# fewer cases are byte-identical than suite-pass-count records; raise that
# number as printers improve, never lower it.
set -u
RUN="$SHARED/tcpdump-suite/run.sh"
if [ ! -x "$RUN" ]; then
	echo "../shared/data/tcpdump-suite is absent"
	exit 77
fi
want="$(tr -dc 0-9 <"$(dirname "${BASH_SOURCE[0]}")/suite-pass-count")"
out="$("$RUN" -q "$KANSOKU" dump 2>&1)"
line="$(echo "$out" | tail -1)"
pass="$(echo "$line" | sed -nE 's/^([0-9]+) passed.*/\1/p')"
[ -n "$pass" ] || { echo "no summary line from run.sh"; exit 1; }
echo "tcpdump suite: $line (at least $want expected)"
# a crash or a sanitizer abort is never acceptable, whatever the count
crashed="$(echo "$out" | grep -E '^FAIL .*\(exit status (1[2-9][0-9]|2[0-9][0-9])\)')"
if [ -n "$crashed" ]; then
	echo "$crashed"
	exit 1
fi
if [ "$pass" -lt "$want" ]; then
	echo "$out" | grep '^FAIL' | head -40
	echo "only $pass cases pass, at least $want did before"
	exit 1
fi
exit 0
