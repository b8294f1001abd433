#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tcpdump conformance: runs every case of ../shared/data/tcpdump (captures
# with the text Debian's tcpdump 4.99.3 prints) against `kansoku dump` and
# fails when fewer cases match byte for byte than we had reached.
set -u
MIN_PASS=69	# raise this when more cases pass; never lower it
RUN="$SHARED/tcpdump/run.sh"
if [ ! -x "$RUN" ]; then
	echo "../shared/data/tcpdump is absent"
	exit 77
fi
out="$("$RUN" -q "$KANSOKU" dump 2>&1)"
echo "$out" | grep '^FAIL' | head -20
line="$(echo "$out" | tail -1)"
echo "conformance: $line"
pass="$(echo "$line" | sed -nE 's/^([0-9]+) passed.*/\1/p')"
[ -n "$pass" ] || { echo "no summary line from run.sh"; exit 1; }
if [ "$pass" -lt "$MIN_PASS" ]; then
	echo "only $pass cases pass, at least $MIN_PASS did before"
	exit 1
fi
exit 0
