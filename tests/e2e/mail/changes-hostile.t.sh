#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `mail timeline --changes` names domains and relays taken from the log: a
# hostile log must not put terminal escapes or invalid UTF-8 into its text.
# The route of one domain (with ESC and a Latin-1 byte in it) changes from
# transport virtual to an smtp relay whose name has a bell and a stray 0xff byte.
set -u
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
{
	for i in 1 2 3; do
		printf 'Jan  5 10:00:0%d mx postfix/virtual[7]: AB12%d: to=<u@ev\033[31m\xe9vil.example>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to maildir)\n' "$i" "$i"
	done
	for i in 4 5 6; do
		printf 'Jan  5 10:01:0%d mx postfix/smtp[8]: AB12%d: to=<u@ev\033[31m\xe9vil.example>, relay=h\aost\xff[127.0.0.2]:25, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 ok)\n' "$i" "$i"
	done
} >"$TMP/log"
"$KANSOKU" mail timeline --changes --year 2024 "$TMP/log" >"$TMP/out" || exit 1
python3 - "$(dirname "$0")/../lib" "$TMP/out" <<'PY'
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from clean_text import read_clean
text = read_clean(sys.argv[2], "--changes output")
want = "ev?[31m\ufffdvil.example: transport virtual \u2192 smtp:h?ost\ufffd[127.0.0.2]:25: last delivery"
if want not in text:
    sys.exit("expected %r in:\n%s" % (want, text))
PY
