#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Very long lines (hundreds of KB, as a broken client can cause) between
# ordinary ones: the numbers of the ordinary lines stay the same, and lines
# past the 1 MiB limit are skipped with a warning naming the first.
set -u
log="$SHARED/maillog/lightmeter_logs_sample_mail.log"
[ -f "$log" ] || { echo "../shared/data/maillog is absent"; exit 77; }
python3 - "$log" "$TMP/long.log" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines(True)
with open(sys.argv[2], "w") as out:
    for i, l in enumerate(lines):
        out.write(l)
        if i % 300 == 7:
            stamp = l[:16]
            out.write(stamp + "mail postfix/smtpd[1]: warning: " + "x" * (200000 + 37 * i) + "\n")
PY
"$KANSOKU" mail summary --json --year 2023 "$log" | python3 -c 'import json,sys; t=json.load(sys.stdin)["totals"]; print(json.dumps(t, sort_keys=True))' >"$TMP/a" || exit 1
"$KANSOKU" mail summary --json --year 2023 "$TMP/long.log" | python3 -c 'import json,sys; t=json.load(sys.stdin)["totals"]; print(json.dumps(t, sort_keys=True))' >"$TMP/b" || exit 1
cmp -s "$TMP/a" "$TMP/b" || { echo "totals differ with long lines:"; cat "$TMP/a" "$TMP/b"; exit 1; }
# past the 1 MiB limit: not a syslog record but a damaged file (a crash leaves
# zero-filled blocks): skipped with one warning naming it, the rest is read
{ echo "Apr  9 06:25:25 h postfix/smtpd[1]: connect from a[192.0.2.1]"
  python3 -c 'print("Apr  9 06:25:26 h postfix/smtpd[1]: " + "y" * (1 << 21))'
  head -c 3000000 /dev/zero; echo
  echo "Apr  9 06:25:27 h postfix/smtpd[1]: connect from b[192.0.2.2]"; } >"$TMP/huge.log"
"$KANSOKU" mail summary --json --year 2023 "$TMP/huge.log" >"$TMP/huge.json" 2>"$TMP/huge.err"; rc=$?
[ $rc -eq 0 ] || { echo "exit $rc with 2 and 3 MiB lines"; cat "$TMP/huge.err"; exit 1; }
want="kansoku mail summary: warning: $TMP/huge.log:2: 2 lines longer than 1048576 bytes skipped (a damaged file?)"
[ "$(cat "$TMP/huge.err")" = "$want" ] || { echo "unexpected: $(cat "$TMP/huge.err")"; exit 1; }
python3 - "$TMP/huge.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["lines"] == 4 and d["unparsed_lines"] == 2 and d["postfix_lines"] == 2, d
PY
