#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One incident recorded three ways at once, on this machine and its
# loopback: `kansoku record` of the host while busy loops burn every CPU;
# `kansoku dump -i lo -w` of SMTP and DNS traffic to the servers of
# exchanges/servers.py (RCPT and DATA answered late, DNS queries left
# unanswered or answered only when asked again), made by
# exchanges/clients.py; and the log of a private Postfix instance (own
# config, queue and log in a temporary directory) relaying mail to that slow
# SMTP server, which times out and defers it. Then `kansoku check` on the
# three files must name each source's findings (CPU busy from the recording,
# slow SMTP replies and unanswered DNS from the capture, deferrals from the
# log) and link them as at the same time; `kansoku report` on them opens
# in headless Chromium with no error, screenshot in
# build/test-output/check/incident.png. The incident lasts seconds, so a
# rules file shortens the sustained-CPU and deferral-burst rules (the
# defaults are for minutes-long episodes). Every wait is bounded; every
# process started here is stopped on exit.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
EX="$HERE/../exchanges"
PY=/usr/bin/python3
SLOW=1.5
TITLE="Mail incident: busy host, slow relay and DNS, Postfix deferring"
[ "$(id -u)" -eq 0 ] || { echo "needs root: captures on lo and starts a private Postfix"; exit 77; }
[ -x "$PY" ] || { echo "python3 is not installed (scripts/deps test)"; exit 77; }
[ -e /sys/class/net/lo ] || { echo "no loopback interface"; exit 77; }
[ -r /proc/stat ] || { echo "no /proc/stat: kansoku record needs Linux"; exit 77; }
. "$HERE/../lib/postfix.sh"
cd "$TMP" || exit 1

D="$(mktemp -d /tmp/kansoku-incident.XXXXXX)"
chmod 755 "$D"
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	postfix_stop "$D"
	wait 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
# wait_for SECONDS COMMAND...: polls every 0.1 s
wait_for() {
	local n=$(( $1 * 10 )); shift
	while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.1; n=$((n - 1)); done
	return 1
}

read -r p_smtp p_slow p_dns p_http p_postfix < <("$PY" -c '
import socket
ss = [socket.socket() for _ in range(4)] + [socket.socket(socket.AF_INET, socket.SOCK_DGRAM)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[ss[i].getsockname()[1] for i in (0, 1, 4, 2, 3)])')

# the servers, slow
"$PY" "$EX/servers.py" "$p_smtp" "$p_slow" "$p_dns" "$p_http" "$SLOW" servers.ready 2>servers.err & pids+=($!)
wait_for 10 test -e servers.ready || { cat servers.err; fail "the servers did not start"; }

# a private Postfix relaying everything to the slow SMTP server, which it gives up on after 1 s
postfix_private "$D" "$p_postfix" <<EOF
myhostname = incident.kansoku.test
mydestination =
relayhost = [127.0.0.1]:$p_slow
smtp_rcpt_timeout = 1s
smtp_data_init_timeout = 1s
smtp_helo_timeout = 2s
smtp_connect_timeout = 2s
EOF
postfix_start "$D" "$p_postfix"

# the recording and the capture
"$KANSOKU" record -d 0.5 -o recording.csv 2>record.err & rec=$!; pids+=($rec)
filter="host 127.0.0.1 and (port $p_smtp or port $p_slow or port $p_dns)"
"$KANSOKU" dump -i lo -B 32768 -U --immediate-mode -w relay.pcap "$filter" 2>dump.err & dump=$!; pids+=($dump)
wait_for 10 grep -qs listening dump.err || { cat dump.err; fail "the capture did not start"; }
rows() { [ "$(($(wc -l <recording.csv) - 1))" -ge "$1" ]; }
wait_for 10 rows 2 || { cat record.err; fail "the recording did not start"; }

# the incident: every CPU busy, slow SMTP and DNS, mail deferred
burners=()
for _ in $(seq "$(nproc)"); do
	sh -c 'while :; do :; done' & burners+=($!); pids+=($!)
done
"$PY" - "$p_postfix" <<'PY' || fail "could not hand the mail to Postfix"
import smtplib, sys
from email.message import EmailMessage
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=10) as s:
    for i in range(30):
        m = EmailMessage()
        m["From"] = "alice@incident.kansoku.test"
        m["To"] = "user%d@remote.kansoku.test" % i
        m["Subject"] = "incident %d" % i
        m.set_content("hello\n" * 20)
        s.send_message(m)
PY
"$PY" "$EX/clients.py" "$p_smtp" "$p_slow" "$p_dns" "$p_http" measured.json || { cat servers.err; fail "the clients failed"; }
deferred() { [ "$(grep -c 'status=deferred' "$D/log/maillog" 2>/dev/null)" -ge 30 ]; }
wait_for 20 deferred || { tail -20 "$D/log/maillog"; fail "Postfix did not defer the 30 messages"; }
sleep 1
kill "${burners[@]}"
sleep 1
kill -INT "$dump" "$rec"
wait "$dump" || { cat dump.err; fail "dump exited with an error"; }
wait "$rec" || { cat record.err; fail "record exited with an error"; }
# a machine too busy to keep up drops packets: the capture's findings then have gaps
if ! grep -qx "0 packets dropped by kernel" dump.err; then
	cat dump.err; echo "the capture lost packets (machine too busy): not judged"; exit 77
fi
cp "$D/log/maillog" maillog

cat >incident.rules <<'EOF'
# an incident of seconds: CPU busy for 3 s is sustained, 10 deferrals a minute a burst
set cpu.pcpu for=3s
set mail.deferred.burst warning>9
EOF
"$KANSOKU" check --rules incident.rules --json recording.csv relay.pcap maillog >check.json 2>check.err ||
	{ cat check.err; fail "kansoku check --json"; }
# the table, for whoever reads this test's output
"$KANSOKU" check --rules incident.rules recording.csv relay.pcap maillog 2>>check.err | sed -n '/^#/,$p'
grep -q 'timed out while sending RCPT TO' maillog || fail "Postfix did not time out on the slow relay"
"$PY" - check.json "$p_slow" "$p_dns" <<'PY' || fail "the findings of kansoku check"
import json, sys
doc = json.load(open(sys.argv[1]))
slow, dns = ("127.0.0.1:" + p for p in sys.argv[2:4])
kinds = sorted(s["kind"] for s in doc["sources"])
f = doc["findings"]
def pick(rule, source, who=""):
    return [i for i, x in enumerate(f) if x["rule"] == rule and x["source"] == source and x["who"].startswith(who)]
want = {
    "CPU busy in the recording": pick("cpu.pcpu", "recording.csv", "Physical Cpu(_Total)"),
    "slow RCPT in the capture": pick("smtp.reply.slow", "relay.pcap", slow + " RCPT"),
    "slow DATA in the capture": pick("smtp.reply.slow", "relay.pcap", slow + " DATA"),
    "unanswered DNS in the capture": pick("dns.unanswered", "relay.pcap", dns),
    "deferral burst in the mail log": pick("mail.deferred.burst", "maillog"),
}
bad = 0
if kinds != ["capture", "linux-record", "maillog"]:
    print("sources:", kinds); bad = 1
for what, idx in want.items():
    if len(idx) != 1:
        print("FAIL: %s: %d findings" % (what, len(idx))); bad = 1
if bad:
    print("findings:", [(x["source"], x["rule"], x["who"]) for x in f])
    sys.exit(1)
# every pair of those, from different sources, is linked both ways
ids = {w: i[0] for w, i in want.items()}
for a, ia in ids.items():
    for b, ib in ids.items():
        if f[ia]["source"] != f[ib]["source"] and ib not in f[ia]["at_the_same_time"]:
            print("FAIL: %s is not at the same time as %s" % (a, b)); bad = 1
print("%d findings from 3 inputs; linked: %s" % (len(f), ", ".join(ids)))
sys.exit(bad)
PY

# the page, in a real browser
"$KANSOKU" report --rules incident.rules --title "$TITLE" recording.csv relay.pcap maillog -o incident.html 2>report.err ||
	{ cat report.err; fail "kansoku report"; }
. "$HERE/../lib/browser.sh"
OUT="${KANSOKU_TEST_OUT:-$TOP/build/test-output}/check"
node "$HERE/incident.cjs" incident.html "$OUT" || fail "the incident page in Chromium"
