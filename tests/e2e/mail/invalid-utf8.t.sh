#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# mail summary's text output on a log with invalid UTF-8 and control bytes
# ($FIX/mail/invalid-utf8.log): the text is valid UTF-8 without control
# characters, and shows every address, domain, relay and reason as the JSON
# output does (invalid bytes as U+FFFD; a control character as '?').
set -u
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
log="$FIX/mail/invalid-utf8.log"
"$KANSOKU" mail summary --year 2023 "$log" >"$TMP/text" || exit 1
"$KANSOKU" mail summary --json --year 2023 "$log" >"$TMP/json" || exit 1
python3 - "$(dirname "$0")/../lib" "$TMP/text" "$TMP/json" <<'PY'
import json, re, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from clean_text import read_clean
text = read_clean(sys.argv[2], "text output")
names = []
def walk(v, key=None):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, k)
    elif isinstance(v, list):
        for x in v:
            walk(x, key)
    elif isinstance(v, str) and key in ("address", "domain", "relay", "reason"):
        names.append(v)
walk(json.load(open(sys.argv[3], encoding="utf-8")))
shown = [re.sub(r"[\x00-\x1f\x7f]", "?", n) for n in names]
missing = [n for n in shown if n not in text]
if missing or not any("\ufffd" in n for n in shown):
    sys.exit("not in the text output as in the JSON: %r (of %d)" % (missing, len(shown)))
print("%d names shown as in the JSON" % len(shown))
PY
