#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# flowgraph output read back without a browser (Python's XML parser as the
# judge): the SVG is well-formed, one arrow (g.seg) per segment of every
# conversation (segment counts from `kansoku flows`), retransmissions and
# holes marked where the crafted captures have them, phases named, SMTP
# lines beside their segments, hostile payload bytes escaped, the HTML page
# self-contained (CSP, no external references) with the same arrows.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
python3 "$HERE/../flows/pcapgen.py" "$TMP" || exit 1
cd "$TMP" || exit 1
fail=0
files=(basic retrans reorder midstream states truncated hostile bulk)
for n in "${files[@]}"; do
	"$KANSOKU" flowgraph "$n.pcap" -o "$n.svg" && "$KANSOKU" flowgraph "$n.pcap" -o "$n.html" &&
		"$KANSOKU" flows --json "$n.pcap" >"$n.json" || { echo "FAIL $n: kansoku failed"; fail=1; }
done
python3 - "${files[@]}" <<'PY' || fail=1
import json, re, sys
import xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
bad = 0
def check(ok, what):
    global bad
    if not ok:
        print("FAIL " + what)
        bad = 1
for name in sys.argv[1:]:
    rows = json.load(open(name + ".json"))["rows"]
    want = [r["client_to_server"]["packets"] + r["server_to_client"]["packets"] for r in rows]
    root = ET.parse(name + ".svg").getroot()
    convs = [g for g in root.iter(NS + "g") if g.get("class") == "conv"]
    check(len(convs) == len(rows), "%s.svg: %d diagrams for %d conversations" % (name, len(convs), len(rows)))
    for g, n in zip(convs, want):
        segs = [e for e in g.iter(NS + "g") if (e.get("class") or "").split()[:1] == ["seg"]]
        check(len(segs) == n == int(g.get("data-segments")),
              "%s.svg: %d arrows, %d packets, data-segments %s" % (name, len(segs), n, g.get("data-segments")))
    html = open(name + ".html", encoding="utf-8").read()
    check(html.startswith("<!DOCTYPE html>") and "default-src 'none'" in html, name + ".html: no CSP")
    check(not re.search(r'(src|href)="(https?:)?//', html), name + ".html: external reference")
    check(html.count('<g class="seg ') == sum(want), name + ".html: arrows %d, segments %d" % (
        html.count('<g class="seg '), sum(want)))
    check(html.count("<section ") == len(rows), name + ".html: sections")

svg = open("bulk.svg", encoding="utf-8").read()
check(svg.count('<g class="seg d1 retrans"') == 1, "bulk: one retransmission arrow")
check(svg.count('<g class="hole">') == 1 and "1000 bytes not captured" in svg, "bulk: one hole of 1000 bytes")
check(svg.count(' zwin"') == 1, "bulk: one zero window")
check(">GET /big HTTP/1.1<" in svg and ">HTTP/1.1 200 OK<" in svg, "bulk: HTTP lines")
for ph in (">handshake<", ">data<", ">close<"):
    check(ph in svg, "bulk: phase " + ph)
svg = open("reorder.svg", encoding="utf-8").read()
classes = re.findall(r'<g class="seg ([^"]*)"', svg)
check(sum("ooo" in c.split() for c in classes) == 1 and sum("retrans" in c.split() for c in classes) == 1
      and sum("rst" in c.split() for c in classes) == 1 and ">reset<" in svg, "reorder: ooo, retrans, reset")
check(svg.count('<g class="hole">') == 3, "reorder: three holes opened")
svg = open("basic.svg", encoding="utf-8").read()
for line in ("220 mx.example.net ESMTP", "EHLO client.example", "MAIL FROM:&lt;a@example.org&gt;",
             "354 End data with &lt;CR&gt;&lt;LF&gt;.&lt;CR&gt;&lt;LF&gt;",
             "message: Subject: test (+1 line)", "221 2.0.0 Bye", "250-mx.example.net (+1 line)"):
    check(">" + line + "<" in svg, "basic: label " + line)
svg = open("midstream.svg", encoding="utf-8").read()
check("data (start not captured)" in svg and ">handshake<" not in svg, "midstream: phases")
for f in ("hostile.svg", "hostile.html"):
    text = open(f, encoding="utf-8").read()
    check("<img" not in text and "<script>alert" not in text and "\x1b" not in text, f + ": raw markup")
    check("EHLO &lt;img src=x onerror=alert(2)&gt;" in text, f + ": escaped EHLO line")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in text, f + ": escaped greeting")
    check("&quot;quoted&quot; &#39;single&#39;" in text, f + ": quotes escaped")
ET.parse("hostile.svg")
sys.exit(bad)
PY
exit $fail
