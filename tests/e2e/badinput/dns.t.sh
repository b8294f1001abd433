#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Malformed DNS answers from a responder on 127.0.0.1 (badresponder.py):
# compression loops, pointers out of the message, label and RDATA overruns,
# counts beyond the records, names over 255 octets, two TSIGs. `dns query`
# never accepts one as the answer: it waits for a valid one (a spoofer can
# send junk first), then fails with exit status 2 naming what it ignored.
# Over TCP the connection is given up at the first malformed message.
set -u
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 is not installed (scripts/deps test)"; exit 77; }
python3 "$(dirname "$0")/badresponder.py" "$TMP/port" 60 &
resp=$!
trap 'kill $resp 2>/dev/null; wait $resp 2>/dev/null' EXIT
for i in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.05; done
[ -s "$TMP/port" ] || { echo "the responder did not start"; exit 1; }
P=$(cat "$TMP/port")
S="@127.0.0.1:$P"
expect "good answer" 0 "" -- dns query --timeout 2s "$S" good.test
last_stdout | grep -q $'^good.test.\t60\tIN\tA\t192.0.2.1$' || { echo "FAIL the responder's good answer"; last_stdout; fails=$((fails + 1)); }
IGN="; ignored: 1 malformed, 0 for another question, 0 from another address"
for kind in loop pingpong forward label longname rdata count tsig; do
	expect "$kind over UDP" 2 "kansoku dns query: no answer from 127.0.0.1:$P within 0.3 s$IGN" --stdout-empty \
		-- dns query --timeout 300ms "$S" $kind.test
	expect "$kind over TCP" 2 "kansoku dns query: no answer from 127.0.0.1:$P: connection failed or was reset$IGN" \
		--stdout-empty -- dns query --timeout 2s "$S" $kind.test +tcp
done
finish
