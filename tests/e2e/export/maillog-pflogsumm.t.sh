#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A Postfix log read as a dataset (per-minute series, `export -f json`)
# must add up to pflogsumm's totals: received, delivered + forwarded
# (mail/sent), deferrals (mail/deferred), bounced, and rejected + reject
# warnings + held + discarded (mail/rejected). Logs: the self-written
# incident, the fixtures compared by `mail summary` and the real logs in
# ../shared/data/maillog when present.
# Two documented differences (the counting is `mail timeline`'s): mail a
# content filter re-injects through its own smtpd is received again
# (`mail summary` reports it as "reinjected"), and smtpd's own
# "milter-reject:" lines are rejects (pflogsumm counts cleanup's only).
set -u
command -v pflogsumm >/dev/null || { echo "pflogsumm is not installed (scripts/deps test)"; exit 77; }
logs=("$FIX"/mail/incident/incident.log "$FIX"/mail/pflogsumm/sergeymakinen-exporter-mail.log
      "$FIX"/mail/pflogsumm/content-filter-10025.log "$FIX"/mail/pflogsumm/reused-queue-id.log)
if [ -d "$SHARED/maillog" ]; then
	logs+=("$SHARED"/maillog/*.log)
else
	echo "../shared/data/maillog is absent: its real logs are not compared"
fi
fail=0
for log in "${logs[@]}"; do
	name="$(basename "$log")"
	"$KANSOKU" export -f json "$log" 'mail/*' >"$TMP/$name.json" 2>"$TMP/$name.err" ||
		{ echo "kansoku failed on $name"; cat "$TMP/$name.err"; fail=1; continue; }
	pflogsumm "$log" >"$TMP/$name.pf" 2>/dev/null || { echo "pflogsumm failed on $name"; fail=1; continue; }
	"$KANSOKU" mail summary --json "$log" >"$TMP/$name.sum" 2>/dev/null || { echo "mail summary failed on $name"; fail=1; continue; }
	python3 - "$TMP/$name.json" "$TMP/$name.pf" "$name" "$TMP/$name.sum" "$log" <<'PY' || fail=1
import json, re, sys
d = json.load(open(sys.argv[1]))
ours = {m["counter"]: int(sum(v for v in m["values"] if v is not None)) for m in d["metrics"]}
pf = {}
for line in open(sys.argv[2]):
    m = re.match(r"\s*(\d+)\s+(received|delivered|forwarded|deferred|bounced|rejected|reject warnings|held|discarded)\b(.*)", line)
    if m and m.group(2) not in pf:
        pf[m.group(2)] = int(m.group(1))
        d2 = re.search(r"\((\d+)\s+deferrals\)", m.group(3))
        if m.group(2) == "deferred":
            pf["deferrals"] = int(d2.group(1)) if d2 else 0
reinjected = json.load(open(sys.argv[4]))["beside_pflogsumm"]["reinjected"]
smtpd_milter = sum(1 for l in open(sys.argv[5], errors="replace")
                   if re.search(r" postfix[^ ]*/smtpd\[\d+\]: [0-9A-Za-z]+: milter-reject: ", l))
want = {
    "received": pf["received"] + reinjected,
    "sent": pf["delivered"] + pf["forwarded"],
    "deferred": pf["deferrals"],
    "bounced": pf["bounced"],
    "rejected": pf["rejected"] + pf["reject warnings"] + pf["held"] + pf["discarded"] + smtpd_milter,
}
bad = [f"{k}: ours {ours.get(k)} pflogsumm {v}" for k, v in want.items() if ours.get(k) != v]
if bad:
    print(sys.argv[3] + ": " + "; ".join(bad))
    sys.exit(1)
print(sys.argv[3] + ": " + ", ".join(f"{k} {v}" for k, v in want.items()) + " (same as pflogsumm)")
PY
done
exit $fail
