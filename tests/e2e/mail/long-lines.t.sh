#!/usr/bin/env bash
# Very long lines (hundreds of KB, as a broken client can cause) between
# ordinary ones: the numbers of the ordinary lines stay the same, and a line
# past the 1 MiB limit is an error naming its line.
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
python3 -c 'print("Apr  9 06:25:26 h postfix/smtpd[1]: " + "y" * (1 << 21))' >"$TMP/huge.log"
out="$("$KANSOKU" mail summary "$TMP/huge.log" 2>&1)"; rc=$?
[ $rc -eq 2 ] || { echo "exit $rc for a 2 MiB line"; exit 1; }
case "$out" in *"huge.log:1: line longer than"*) ;; *) echo "unexpected: $out"; exit 1 ;; esac
