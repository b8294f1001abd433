#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# valgrind memcheck over mail summary and timeline on a small synthetic log
# (the fuzz seeds), and over dns query against the malformed-answer responder.
set -u
. "$(dirname "$0")/lib.sh"
F="$(cd "$(dirname "$0")/../../fuzz" && pwd)"
L="$F/fuzz_maillog/traditional.log"
[ -f "$L" ] || { echo "missing $L"; exit 1; }
vg "summary" 0 mail summary --year 2024 "$L" "$F/fuzz_maillog/rfc3339.log"
vg "summary --json" 0 mail summary --json --year 2024 "$L"
vg "timeline --json" 0 mail timeline --json --year 2024 "$L"
vg "timeline --changes" 0 mail timeline --changes --year 2024 "$L"
vg "timeline report" 0 mail timeline --year 2024 "$L" -o "$TMP/t.html"
vg "not a mail log" 2 mail summary "$FIX/mail/not-a-log.txt"
python3 "$(dirname "$0")/../badinput/badresponder.py" "$TMP/port" 120 &
resp=$!
trap 'kill $resp 2>/dev/null; wait $resp 2>/dev/null' EXIT
for i in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.05; done
[ -s "$TMP/port" ] || { echo "the responder did not start"; exit 1; }
S="@127.0.0.1:$(cat "$TMP/port")"
vg "dns query" 0 dns query --timeout 5s "$S" good.test
vg "dns query --json +tcp" 0 dns query --timeout 5s --json "$S" good.test +tcp
vg "dns query, compression loop" 2 dns query --timeout 1s "$S" loop.test
vg "dns query, two TSIGs over TCP" 2 dns query --timeout 5s "$S" tsig.test +tcp
finish
