# SPDX-License-Identifier: MIT
# `kansoku report CAPTURE`: the page's data read back without a browser and
# compared with the capture (capture_check.py: the list against `kansoku flows
# --csv`, every TCP segment against tshark's reading when tshark is there), then
# opened in headless Chromium (capture.cjs: findings first, IO graph drawn, the
# conversation list, the four stream graphs of the busiest conversations with as
# many points as tshark's packets give, a hostile file name as text).
# Screenshots go to build/test-output/report-capture/.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/report-capture"
mkdir -p "$OUT"
browser=1
( . "$TOP/tests/e2e/lib/browser.sh" ) >"$TMP/why" || { browser=0; echo "note: no browser check: $(cat "$TMP/why")"; }
[ $browser = 1 ] && . "$TOP/tests/e2e/lib/browser.sh"
command -v tshark >/dev/null || echo "note: tshark is absent: segments are not compared with its reading"

# a crafted TCP session (SACK, window scale) under a hostile file name
python3 "$FIX/net/gen_pcaps.py" "$TMP/gen" >/dev/null
hostile="<img src=x onerror=alert(1)>'"
cp "$TMP/gen/tcp-session.pcap" "$TMP/$hostile.pcap"

# an SMTP session whose EHLO line is markup (the flows tests' capture)
python3 "$TOP/tests/e2e/flows/pcapgen.py" "$TMP/flows" >/dev/null
wire='EHLO <img src=x onerror=alert(2)>'

# NAME FILE OPEN BROWSER [WIRE]: OPEN busiest TCP conversations are opened in the browser
# (when BROWSER is 1); WIRE is a hostile payload line the capture holds
check() {
	local name="$1" file="$2" open="$3" host=""
	[ "$file" = "$TMP/$hostile.pcap" ] && host="$hostile"
	"$KANSOKU" report "$file" -o "$TMP/$name.html"
	"$KANSOKU" flows --csv "$file" >"$TMP/$name.csv"
	(cd "$HERE" && python3 capture_check.py "$TMP/$name.html" "$file" "$TMP/$name.csv" "$TMP/$name.json" \
		"$host" "$open" "$KANSOKU" "${5:-}")
	if [ $browser = 1 ] && [ "$4" = 1 ]; then
		node "$HERE/capture.cjs" "$TMP/$name.html" "$OUT/$name" "$TMP/$name.json"
	fi
}
check hostile "$TMP/$hostile.pcap" 1 1
check wire "$TMP/flows/hostile.pcap" 1 1 "$wire"
check vxlan "$FIX/net/zeek/tunnels_vxlan-encapsulated-http.pcap" 1 1
check qinq "$FIX/net/zeek/http-qinq-0.pcap" 1 0
check gre "$FIX/net/zeek/tunnels_gre-sample.pcap" 1 0
check mpls "$FIX/net/zeek/mixed-vlan-mpls.pcap" 1 0
if [ -d "$SHARED/tcpdump" ]; then
	check smtp "$SHARED/tcpdump/smtp/zeek-smtp.pcap" 2 1
	check starttls "$SHARED/tcpdump/smtp/zeek-smtp-starttls.pcap" 1 0
	[ -f "$SHARED/tcpdump-suite/pcap/ssh.pcap" ] && check ssh "$SHARED/tcpdump-suite/pcap/ssh.pcap" 1 1
else
	echo "note: ../shared is absent: the shared captures are not reported"
fi

# a capture on stdin (a pipe, a redirected file) is read once and gives the same
# conversations, segments and diagrams as the file
f="$FIX/net/zeek/tunnels_vxlan-encapsulated-http.pcap"
cat "$f" | "$KANSOKU" report - -o "$TMP/pipe.html"
"$KANSOKU" report - -o "$TMP/redirect.html" <"$f"
for name in pipe redirect; do
	(cd "$HERE" && python3 - "$TMP/vxlan.html" "$TMP/$name.html" <<'PY'
import sys
import capture_decode as cd
want, got = (open(p, encoding='utf-8').read() for p in sys.argv[1:3])
lw, rw, sw = cd.load(want)
dw = [cd.diagram(r) for r in rw]
lg, rg, sg = cd.load(got)
dg = [cd.diagram(r) for r in rg]
assert rw and rw == rg, '%s: the conversation list differs' % sys.argv[2]
assert [sw(r) for r in rw] == [sg(r) for r in rg], '%s: the segments differ' % sys.argv[2]
assert [d is None for d in dw] == [d is None for d in dg], '%s: the diagrams differ' % sys.argv[2]
assert lg['source'] == '-', lg['source']
PY
	)
done
