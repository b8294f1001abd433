#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 100 MB lines, generated here (never committed): in a performance file's
# rows (the row is skipped with one warning), as a performance file's header
# (refused before any column is allocated: more than 1,000,000 columns), in
# an nmon file (more than 100,000 fields: skipped), and in a mail log
# (skipped without being buffered whole).
# Each file is removed once used, so at most one 100 MB file exists at a time.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP"
MB100=104857600
H='"(PDH-CSV 4.0) (UTC)(0)","\\h\Memory\Free MBytes","\\h\Physical Cpu(_Total)\% Util Time"'

{ printf '%s\n' "$H"; echo '"01/02/2024 10:00:00","1","2"'; head -c $MB100 /dev/zero | tr '\0' x; echo
  echo '"01/02/2024 10:00:10","5","6"'; } >row.csv
expect "100 MB row" 0 "kansoku stats: warning: \$TMP/row.csv:3: 1 row with a wrong number of fields skipped (expected 3, first found 1)" \
	-- stats "$TMP/row.csv" --csv
[ "$(last_stdout | grep -c '^Memory/Free MBytes,h,Memory,,Free MBytes,,,MB,2,')" = 1 ] ||
	{ echo "FAIL 100 MB row: the two other rows were not read"; last_stdout; fails=$((fails + 1)); }
rm -f row.csv

python3 -c '
import sys
cell = ",\"\\\\h\\o\\c\""
sys.stdout.write("\"(PDH-CSV 4.0) (UTC)(0)\"" + cell * (104857600 // len(cell)) + "\n\"01/02/2024 10:00:00\"\n")' >header.csv
for cmd in info tree; do
	expect "100 MB header, $cmd" 2 "kansoku $cmd: \$TMP/header.csv:1: 10485760 columns in the header, more than the 1000000 kansoku reads" \
		--stdout-empty -- $cmd "$TMP/header.csv"
done
rm -f header.csv

# a line of commas: one field per byte, refused past 100,000 fields (no 8 bytes of index per byte)
{ head -16 "$FIX/nmon/linux-small.nmon"; head -c $MB100 /dev/zero | tr '\0' ,; echo; sed -n '17,$p' "$FIX/nmon/linux-small.nmon"; } >big.nmon
expect "100 MB nmon line" 0 "kansoku stats: warning: \$TMP/big.nmon:17: line with more than 100000 fields (1 such line ignored)
kansoku stats: warning: \$TMP/big.nmon: 1 snapshot missing from the Tnnnn sequence (the first after T0002)
kansoku stats: warning: \$TMP/big.nmon:26: the last snapshot T0004 has 1 of 6 section lines (file cut short?); its other values are missing
kansoku stats: warning: \$TMP/big.nmon: 2 values written as -1 or nan (nmon's \"not available\") read as missing" \
	-- stats "$TMP/big.nmon"
rm -f big.nmon

{ echo 'Apr  9 06:25:26 mx postfix/smtpd[1]: connect from a[192.0.2.1]'; head -c $MB100 /dev/zero | tr '\0' x; echo
  echo 'Apr  9 06:25:27 mx postfix/smtpd[1]: connect from b[192.0.2.2]'; } >big.log
expect "100 MB log line" 0 "kansoku mail summary: warning: \$TMP/big.log:2: 1 line longer than 1048576 bytes skipped (a damaged file?)" \
	-- mail summary --year 2024 "$TMP/big.log"
rm -f big.log
finish
