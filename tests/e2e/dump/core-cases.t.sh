#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The tcpdump suite cases whose captures hold only the protocols of issue 19
# item 1 (listed in core-cases, made by core-cases.sh with tshark) against
# `kansoku dump`. Fails when fewer of them are byte-identical than
# core-cases-pass-count records (the goal is all of them); never lower it.
set -u
HERE="$(dirname "${BASH_SOURCE[0]}")"
SUITE="$SHARED/tcpdump-suite"
if [ ! -x "$SUITE/run.sh" ]; then
	echo "../shared/data/tcpdump-suite is absent"
	exit 77
fi
want="$(tr -dc 0-9 <"$HERE/core-cases-pass-count")"
mkdir -p "$TMP/suite"
ln -s "$SUITE/pcap" "$TMP/suite/pcap"
ln -s "$SUITE/expected" "$TMP/suite/expected"
cp "$SUITE/run.sh" "$TMP/suite/run.sh"
# keep the listed cases, in the suite's order
awk -F'\t' 'NR == FNR { keep[$1] = 1; next } ($1 in keep)' "$HERE/core-cases" \
	"$SUITE/cases.tsv" >"$TMP/suite/cases.tsv"
total="$(grep -c . "$TMP/suite/cases.tsv")"
out="$("$TMP/suite/run.sh" -q "$KANSOKU" dump 2>&1)"
pass="$(echo "$out" | tail -1 | sed -nE 's/^([0-9]+) passed.*/\1/p')"
[ -n "$pass" ] || { echo "no summary line from run.sh"; exit 1; }
echo "item-1 cases: $pass of $total pass (at least $want expected)"
echo "$out" | grep '^FAIL' | sed 's/^/  /'
[ "$pass" -ge "$want" ]
