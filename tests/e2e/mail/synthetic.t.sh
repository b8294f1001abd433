#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pflogsumm's numbers on a generated log that has every kind of line the
# real samples lack: cleanup rejects, holds, discards, reject warnings,
# forwards, deferrals retried later, pickup submissions, fatal lines, other
# programs, and a New Year in the middle (traditional stamps have no year).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v pflogsumm >/dev/null || { echo "pflogsumm is not installed (scripts/deps test)"; exit 77; }
python3 "$HERE/../../../bench/gen_maillog.py" --messages 4000 --seed 7 --start 2023-12-31 --step 10 >"$TMP/maillog" || exit 1
# pflogsumm guesses the year from today's month: give the file a December
# mtime so that ours (from the mtime) agrees and the New Year is crossed
touch -d 2024-01-05 "$TMP/maillog"
pflogsumm "$TMP/maillog" >"$TMP/pf.txt" 2>/dev/null || { echo "pflogsumm failed"; exit 1; }
"$KANSOKU" mail summary --json "$TMP/maillog" >"$TMP/k.json" || exit 1
python3 "$HERE/pflogsumm-compare.py" "$TMP/pf.txt" "$TMP/k.json" synthetic || exit 1
python3 - "$TMP/k.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
days = [d["day"] for d in r["per_day"]]
assert days[0] == "2023-12-31" and days[-1].startswith("2024-01-"), days
t = r["totals"]
assert min(t["rejected"], t["held"], t["discarded"], t["reject_warnings"], t["forwarded"], t["deferred"], t["bounced"]) > 0, t
assert any(p["level"] == "fatal" for p in r["problems"])
PY
