#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `kansoku postfix stale` against a real Postfix started here: a private
# instance (own config, queue and log directories, SMTP on a free port of
# 127.0.0.1, max_idle 10s, maillog_file) delivering to a virtual mailbox and,
# after a main.cf change, to Postfix's smtp-sink on 127.0.0.2. Then the log
# that run wrote goes through `mail summary` (against pflogsumm) and
# `mail timeline --changes`. Every wait is bounded; the instance is stopped
# on any exit.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "needs root: starts a private Postfix instance"; exit 77; }
for t in smtp-sink python3; do
	command -v "$t" >/dev/null || { echo "$t is not installed (scripts/deps test)"; exit 77; }
done
. "$HERE/../lib/postfix.sh"
D="$(mktemp -d /tmp/kansoku-postfix.XXXXXX)"
chmod 755 "$D"
SINK_PID=""
cleanup() {
	cp "$D"/k*.txt "$D"/k*.json "$D"/changes.txt "$TMP"/ 2>/dev/null
	postfix_stop "$D"
	[ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' "$1"
}
PORT="$(free_port 127.0.0.1)" SINK_PORT="$(free_port 127.0.0.2)"
K() { "$KANSOKU" postfix stale -c "$D/etc" --state "$D/state" "$@"; }
fail() { echo "FAIL: $*"; echo "--- maillog:"; tail -25 "$D/log/maillog" 2>/dev/null; exit 1; }
# wait_for SECONDS COMMAND...: polls every 0.2 s
wait_for() {
	local n=$(( $1 * 5 )); shift
	while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.2; n=$((n - 1)); done
	return 1
}
count_in_log() { [ "$(grep -c -- "$1" "$D/log/maillog" 2>/dev/null)" -ge "$2" ]; }

mkdir -p "$D/vmail" "$D/state"
chown postfix "$D/vmail"
postfix_private "$D" "$PORT" <<EOF2
myhostname = kansoku-test.localdomain
mydestination = \$myhostname, localhost
local_recipient_maps =
local_transport = discard
default_transport = smtp:[127.0.0.2]:$SINK_PORT
virtual_mailbox_domains = example.test
virtual_mailbox_base = $D/vmail
virtual_mailbox_maps = static:mbox
virtual_uid_maps = static:$(id -u postfix)
virtual_gid_maps = static:$(id -g postfix)
max_idle = 10s
smtp_helo_timeout = 5s
smtp_connect_timeout = 5s
EOF2
# main.cf written last, as after an ordinary edit: the first look's change is main.cf's
touch "$D/etc/main.cf"

timeout 90 smtp-sink -u postfix "127.0.0.2:$SINK_PORT" 10 >/dev/null 2>&1 &
SINK_PID=$!
postfix_start "$D" "$PORT"
sleep 1

send() {	# send TO...
	python3 - "$PORT" "$@" <<'PY'
import smtplib, sys
from email.message import EmailMessage
port = int(sys.argv[1])
with smtplib.SMTP("127.0.0.1", port, timeout=10) as s:
    for to in sys.argv[2:]:
        m = EmailMessage()
        m["From"] = "alice@kansoku-test.localdomain"
        m["To"] = to
        m["Subject"] = "kansoku test"
        m.set_content("hello\n" * 40)
        s.send_message(m)
PY
}
# json_check FILE PYTHON-EXPRESSION-ON-r: asserts on the --json report
json_check() {
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
procs = r["processes"]
def by(d): return [p for p in procs if p["daemon"] == d]
ok = eval(sys.argv[2])
if not ok:
    print("not true: " + sys.argv[2])
    for p in procs: print("  %(pid)s %(daemon)s %(verdict)s %(started)s" % p)
    print("  change: %s %s" % (r["change_file"], r["change_time"]))
sys.exit(0 if ok else 1)' "$1" "$2"
}

# 1. fresh instance: nothing stale (first look records the content)
K >"$D/k1.txt"; rc=$?
[ $rc -eq 0 ] || { cat "$D/k1.txt"; fail "fresh instance reported stale (exit $rc)"; }
grep -q '^ok:' "$D/k1.txt" || fail "no ok verdict"
# every process started after main.cf was written: the parameters they read are known, on
# this look and on the next ones while main.cf keeps its content
NONE='^parameters  none (every running process started after main.cf was last written)$'
grep -q "$NONE" "$D/k1.txt" || { cat "$D/k1.txt"; fail "first look: parameters not known"; }
K >"$D/k1b.txt"; rc=$?
[ $rc -eq 0 ] || { cat "$D/k1b.txt"; fail "second look reported stale (exit $rc)"; }
grep -q "$NONE" "$D/k1b.txt" || { cat "$D/k1b.txt"; fail "second look: parameters not known"; }

# 2. mail through smtpd to a discard and a virtual recipient
send bob@localhost carol@example.test || fail "smtp client failed"
wait_for 15 count_in_log ': removed' 2 || fail "mail was not delivered"
grep -q 'to=<carol@example.test>, relay=virtual' "$D/log/maillog" || fail "no virtual delivery"

# 3. change main.cf: a routing parameter and one of qmgr's
sleep 1
sed -i 's/^virtual_mailbox_domains = example.test/virtual_mailbox_domains =/' "$D/etc/main.cf"
echo "maximal_queue_lifetime = 6d" >>"$D/etc/main.cf"
K --json >"$D/k2.json"; rc=$?
[ $rc -eq 1 ] || fail "main.cf changed but exit status $rc"
json_check "$D/k2.json" 'r["stale"] and r["needs_reload"]' || fail "not stale after the change"
json_check "$D/k2.json" 'any(p["stale"] and p["verdict"] == "refreshes-itself" for p in by("smtpd"))' ||
	fail "the idle smtpd is not reported stale"
json_check "$D/k2.json" 'all(p["verdict"] == "needs-reload" for p in by("qmgr")) and by("qmgr")' ||
	fail "qmgr is not reported as needing reload"
json_check "$D/k2.json" '{c["name"]: c["routing"] for c in r["changed_parameters"]} == {"virtual_mailbox_domains": True, "maximal_queue_lifetime": False}' ||
	fail "changed parameters not named"
json_check "$D/k2.json" 'r["routing_in_effect"] is not None' || fail "no routing estimate"
# without a record, what the processes older than the change read is unknown, and said so
"$KANSOKU" postfix stale -c "$D/etc" --state "$D/state-new" >"$D/k2new.txt"
grep -q '^parameters  unknown: first look' "$D/k2new.txt" || { cat "$D/k2new.txt"; fail "first look after a change claims to know"; }
SMTPD="$(python3 -c 'import json,sys; print(" ".join(str(p["pid"]) for p in json.load(open(sys.argv[1]))["processes"] if p["daemon"]=="smtpd"))' "$D/k2.json")"
K >"$D/k2.txt"
grep -q '^stale: main.cf changed' "$D/k2.txt" || { cat "$D/k2.txt"; fail "no one-line stale verdict"; }

# 4. the idle smtpd exits after max_idle (10 s): no longer stale, qmgr still is
gone() { local p; for p in $SMTPD; do [ -d /proc/"$p" ] && return 1; done; return 0; }
wait_for 30 gone || fail "smtpd $SMTPD did not exit after max_idle"
K --json >"$D/k3.json"; rc=$?
[ $rc -eq 1 ] || fail "qmgr still predates the change but exit status $rc"
json_check "$D/k3.json" 'not any(p["stale"] for p in by("smtpd"))' || fail "smtpd still stale after its idle exit"
json_check "$D/k3.json" 'any(p["stale"] for p in by("qmgr"))' || fail "qmgr not stale before reload"

# 5. postfix reload: all clear
QMGR="$(python3 -c 'import json,sys; print([p["pid"] for p in json.load(open(sys.argv[1]))["processes"] if p["daemon"]=="qmgr"][0])' "$D/k3.json")"
MASTER="$(tr -d ' ' <"$D/spool/pid/master.pid")"
# the reload's start in clock ticks since boot, the unit of a process's start time
HZ="$(getconf CLK_TCK)"
T_RELOAD="$(awk -v hz="$HZ" '{ printf "%d", $1 * hz }' /proc/uptime)"
timeout 30 postfix -c "$D/etc" reload >/dev/null 2>&1 || fail "postfix reload failed"
wait_for 15 bash -c "[ ! -d /proc/$QMGR ]" || fail "qmgr did not restart on reload"
# the master's children from before the reload finish their work and exit by themselves:
# wait until every child started after the reload began
all_new() {
	local p t
	for p in $(pgrep -P "$MASTER"); do
		t="$(awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$p/stat" 2>/dev/null)" || continue
		[ -z "$t" ] || [ "$t" -ge "$T_RELOAD" ] || return 1
	done
}
wait_for 15 all_new || fail "processes from before the reload did not exit: $(pgrep -a -P "$MASTER")"
K >"$D/k4.txt"; rc=$?
[ $rc -eq 0 ] || { cat "$D/k4.txt"; fail "still stale after reload (exit $rc)"; }

# a record that cannot be written: a warning, the answer stands
out="$("$KANSOKU" postfix stale -c "$D/etc" --state /proc/kansoku-no-such-dir 2>&1 >/dev/null)"; rc=$?
[ $rc -eq 0 ] || fail "unwritable state directory changed the answer (exit $rc)"
case "$out" in *"warning: the content record was not updated"*) ;; *) fail "no warning for an unwritable record: $out" ;; esac

# 6. a touched but unchanged main.cf raises no alarm
sleep 1
touch "$D/etc/main.cf"
K --json >"$D/k5.json"; rc=$?
[ $rc -eq 0 ] || fail "touching main.cf made it stale (exit $rc)"
json_check "$D/k5.json" 'r["files"][0]["touched_unchanged"]' || fail "touch not recognised"

# 7. the new route: example.test now goes to the sink
send dave@example.test || fail "smtp client failed"
wait_for 20 count_in_log "to=<dave@example.test>, relay=127.0.0.2\\[127.0.0.2\\]:$SINK_PORT" 1 ||
	fail "example.test not relayed to 127.0.0.2 after the change"
timeout 30 postfix -c "$D/etc" stop >/dev/null 2>&1
wait_for 15 bash -c "! pgrep -f '$D/etc' >/dev/null" || true

# 8. the log this run produced: summary (= pflogsumm) and route changes
LOG="$D/log/maillog"
"$KANSOKU" mail summary --json "$LOG" >"$D/summary.json" || fail "mail summary failed"
python3 - "$D/summary.json" <<'PY' || fail "summary numbers"
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
want = {"received": 3, "delivered": 3, "deferred": 0, "bounced": 0, "rejected": 0}
bad = {k: (t[k], v) for k, v in want.items() if t[k] != v}
if bad:
    print("summary totals (got, want):", bad)
    sys.exit(1)
PY
if command -v pflogsumm >/dev/null; then
	pflogsumm "$LOG" >"$D/pf.txt" 2>/dev/null || fail "pflogsumm failed"
	python3 "$HERE/../mail/pflogsumm-compare.py" "$D/pf.txt" "$D/summary.json" postfix-run || fail "pflogsumm differs"
fi
"$KANSOKU" mail timeline --changes "$LOG" >"$D/changes.txt" || fail "mail timeline --changes failed"
# the change, the deliveries on either side of it and the reload that made it take effect
grep -q "^example.test: transport virtual → smtp:127.0.0.2:$SINK_PORT: last delivery by the old route .*; in between: postfix reload at " "$D/changes.txt" ||
	{ cat "$D/changes.txt"; fail "route change of example.test not shown"; }
[ "$(wc -l <"$D/changes.txt")" -eq 1 ] || { cat "$D/changes.txt"; fail "more than the one route change"; }
"$KANSOKU" mail timeline --json "$LOG" >"$D/timeline.json" || fail "mail timeline --json failed"
python3 - "$D/timeline.json" <<'PY' || fail "timeline events"
import json, sys
t = json.load(open(sys.argv[1]))
kinds = [e["kind"] for e in t["events"]]
assert "daemon started" in kinds and "reload" in kinds, kinds
assert any(p["daemon"] == "smtpd" for p in t["processes"])
# discard and virtual, then smtp to the sink: 127.0.0.2 is loopback, this host
assert sum(m.get("delivered local", 0) for m in t["per_minute"]) == 3
assert sum(m.get("delivered remote", 0) for m in t["per_minute"]) == 0
PY
"$KANSOKU" mail timeline -o "$D/timeline.html" "$LOG" || fail "mail timeline -o failed"
# the page carries its description as a deflated base64 block: the reload must be in it
python3 - "$D/timeline.html" <<'PY' || fail "timeline page lacks the reload event"
import base64, re, sys, zlib
page = open(sys.argv[1]).read()
blob = re.search(r'<script type="application/octet-stream" id="k-meta">([^<]*)</script>', page).group(1)
data = zlib.decompress(base64.b64decode(blob))
assert b"reload -- version" in data and b"Route changes" in data
# the change is marked on the charts and each route has its own line
assert b"route change example.test" in data and b"Deliveries by route" in data, "no route chart"
assert b"example.test via virtual" in data and b"example.test via smtp:127.0.0.2:" in data, "no line per route"
PY
echo "ok"
