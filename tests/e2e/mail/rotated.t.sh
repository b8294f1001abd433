#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Rotated and compressed files given in any order read as the one log they
# were cut from: same numbers as the whole file.
set -u
log="$SHARED/maillog/lightmeter_logs_sample_mail.log"
[ -f "$log" ] || { echo "../shared/data/maillog is absent"; exit 77; }
n=$(wc -l <"$log")
head -n $((n / 3)) "$log" | gzip -c >"$TMP/maillog.2.gz"
sed -n "$((n / 3 + 1)),$((2 * n / 3))p" "$log" | xz -c >"$TMP/maillog.1.xz" 2>/dev/null ||
	sed -n "$((n / 3 + 1)),$((2 * n / 3))p" "$log" >"$TMP/maillog.1.xz"
tail -n +$((2 * n / 3 + 1)) "$log" >"$TMP/maillog"
"$KANSOKU" mail summary --json --year 2023 "$log" | grep -v '^    "' | sed 1,/lines/d >"$TMP/whole" || exit 1
"$KANSOKU" mail summary --json --year 2023 "$TMP/maillog" "$TMP/maillog.2.gz" "$TMP/maillog.1.xz" |
	grep -v '^    "' | sed 1,/lines/d >"$TMP/parts" || exit 1
if ! cmp -s "$TMP/whole" "$TMP/parts"; then
	echo "rotated parts summarise differently from the whole file:"
	diff "$TMP/whole" "$TMP/parts" | head -20
	exit 1
fi
grep -q '"received": 109' "$TMP/parts" || { echo "unexpected totals"; exit 1; }
