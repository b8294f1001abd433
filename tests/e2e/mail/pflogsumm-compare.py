#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compares pflogsumm's text report with `kansoku mail summary --json` on one log.

    pflogsumm-compare.py PFLOGSUMM_OUTPUT KANSOKU_JSON NAME

Every number pflogsumm prints that kansoku also reports must be equal once
formatted the way pflogsumm formats it (k/m units, %.1f delays); exits 1 and
names each difference otherwise.
"""
import json, re, sys

pf_text = open(sys.argv[1]).read()
ours = json.load(open(sys.argv[2]))
name = sys.argv[3]
bad = []

def units(v):
    # pflogsumm's adj_int_units + "%6d%s"
    v = v or 0
    if v > 536870912:
        return "%d%s" % (int(v / 1048576), "m")
    if v > 524288:
        return "%d%s" % (int(v / 1024), "k")
    return "%d" % v

def tunits(v):
    # adj_time_units + "%5.1f %s"
    v = v or 0
    if v > 3600:
        return "%.1f h" % (v / 3600)
    if v > 60:
        return "%.1f m" % (v / 60)
    return "%.1f s" % v

def section(title):
    m = re.search(r"^" + re.escape(title) + r"[^\n]*\n-+\n(.*?)(?:\n\n|\Z)", pf_text, re.S | re.M)
    return m.group(1).splitlines() if m else []

def total(label):
    m = re.search(r"^\s+(\d+[km]?)\s+" + re.escape(label) + r"\b", pf_text, re.M)
    return m.group(1) if m else None

t = ours["totals"]
checks = [("received", t["received"]), ("delivered", t["delivered"]), ("forwarded", t["forwarded"]),
          ("deferred", t["deferred"]), ("bounced", t["bounced"]), ("rejected", t["rejected"]),
          ("reject warnings", t["reject_warnings"]), ("held", t["held"]), ("discarded", t["discarded"]),
          ("bytes received", t["bytes_received"]), ("bytes delivered", t["bytes_delivered"]),
          ("senders", t["senders"]), ("sending hosts/domains", t["sending_domains"]),
          ("recipients", t["recipients"]), ("recipient hosts/domains", t["recipient_domains"])]
for label, v in checks:
    theirs = total(label)
    if theirs != units(v):
        bad.append("%s: pflogsumm %s, kansoku %s" % (label, theirs, units(v)))
m = re.search(r"\((\d+)[km]? *deferrals\)", pf_text)
if (int(m.group(1)) if m else 0) != t["deferrals"]:
    bad.append("deferrals differ")

# per hour: pflogsumm divides by its day count when the log spans days.
# Known difference: pflogsumm counts a day whenever the day of the month
# changes from one line to the next, so lines of Jan 1 and Feb 1 are one
# "day" to it (it then prints "Per-Hour Traffic Summary", undivided).
days = ours["days"] if "Per-Hour Traffic Daily Average" in pf_text else 1
rows = [l for l in section("Per-Hour Traffic") if re.match(r"\s+\d{4}-\d{4}", l)]
if len(rows) != 24:
    bad.append("no per-hour table in pflogsumm's output")
for h, l in enumerate(rows):
    theirs = l.split()[1:]
    o = ours["per_hour"][h]
    mine = [units(int(o[k] / days + 0.5) if days > 1 else o[k])
            for k in ("received", "delivered", "deferred", "bounced", "rejected")]
    if theirs != mine:
        bad.append("hour %d: pflogsumm %s, kansoku %s" % (h, theirs, mine))

def table(title, ncols):
    out = {}
    for l in section(title)[2:]:
        f = l.split()
        if len(f) < 2:
            continue
        # "0.7 s" delays are two words each
        out[f[-1]] = f[:-1]
    return out

rd = table("Host/Domain Summary: Message Delivery", 7)
mine = {}
for d in ours["recipient_domains"]:
    mine[d["domain"]] = [units(d["sent"]), units(d["bytes"]), units(d["deferrals"])] + \
        tunits(d["avg_delay_s"]).split() + tunits(d["max_delay_s"]).split()
if rd != mine:
    bad.append("recipient domains differ:\n  pflogsumm %s\n  kansoku   %s" % (rd, mine))

sd = table("Host/Domain Summary: Messages Received", 3)
mine = {d["domain"]: [units(d["messages"]), units(d["bytes"])] for d in ours["sending_domains"]}
if sd != mine:
    bad.append("sending domains differ:\n  pflogsumm %s\n  kansoku   %s" % (sd, mine))

def users(title, key, field):
    theirs = {}
    for l in section(title):
        f = l.split()
        if len(f) == 2:
            theirs[f[1]] = f[0]
    m = {}
    for u in ours[key]:
        a = "from=<>" if u["address"] == "<>" else u["address"]
        if field == "messages" or u["bytes"]:
            m[a] = units(u[field])
        elif title.endswith("size"):
            m[a] = units(0)
    return theirs, m

for title, key, field in (("Senders by message count", "senders", "messages"),
                          ("Recipients by message count", "recipients", "messages"),
                          ("Senders by message size", "senders", "bytes"),
                          ("Recipients by message size", "recipients", "bytes")):
    theirs, m = users(title, key, field)
    if theirs != m:
        bad.append("%s differ:\n  pflogsumm %s\n  kansoku   %s" % (title, theirs, m))

# totals of the reason sections
def section_total(title):
    return sum(int(x) for x in re.findall(r"\(total: (\d+)\)", "\n".join(section(title))))
if section_total("message bounce detail") != t["bounced"]:
    bad.append("bounce detail total differs")
if section_total("message reject detail") != t["rejected"]:
    bad.append("reject detail total differs")
if section_total("message deferral detail") != t["deferrals"]:
    bad.append("deferral detail total differs")

# smtpd reject reasons, grouped as pflogsumm groups them (stage, reason).
# Known difference: cleanup's header/body rejects are grouped by Postfix's
# stated reason here, by the matched header text (cut at 64) in pflogsumm;
# they are left out of this comparison (their total is compared above).
CLEANUP_STAGES = ("header", "body", "END-OF-MESSAGE")
theirs = {}
stage = None
for l in section("message reject detail"):
    m = re.match(r"^  (\S*)$", l)	# "" when pflogsumm could not read the line
    if m:
        stage = m.group(1)
        continue
    m = re.match(r"^    (.*?) ?\(total: (\d+)\)$", l)
    if m and stage is not None and stage.upper() == stage:
        theirs[(stage, m.group(1))] = int(m.group(2))
mine = {}
for r in ours["reject_reasons"]:
    if r["kind"] == "reject" and r["stage"] not in CLEANUP_STAGES:
        mine[(r["stage"], r["reason"])] = mine.get((r["stage"], r["reason"]), 0) + r["count"]
if theirs != mine:
    bad.append("reject reasons differ:\n  pflogsumm %s\n  kansoku   %s" %
               (sorted(theirs.items()), sorted(mine.items())))

for b in bad:
    print("%s: %s" % (name, b))
sys.exit(1 if bad else 0)
