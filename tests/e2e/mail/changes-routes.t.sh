#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `mail timeline --changes` answers "when did my main.cf change take effect":
# only successful deliveries make routes. Not changes: a deferral on one MX
# host and the retry on the next, the next MX host after "connect to ...
# refused" in one attempt, deliveries spread over the hosts and addresses
# of one MX set. Changes: virtual -> smtp to a relay (with the reload in
# between named), and a relayhost moved from one provider to another.
set -u
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
d() {	# time qid daemon to relay status [answer]
	printf 'Mar  3 %s mx postfix/%s[9]: %s: to=<%s>, relay=%s, delay=1, delays=0/0/0/1, dsn=2.0.0, status=%s (%s)\n' \
		"$1" "$3" "$2" "$4" "$5" "$6" "${7:-250 2.0.0 Ok}"
}
{
	# mx.example: mailin6 deferred, retried on mailin5 (same MX set); others via both
	d 09:00:01 1A0001 smtp u@mx.example 'mailin6.mx.example[192.0.2.6]:25' sent
	d 09:00:02 1A0002 smtp v@mx.example 'mailin6.mx.example[192.0.2.6]:25' deferred 'host mailin6.mx.example[192.0.2.6] said: 451 try later'
	d 09:07:02 1A0002 smtp v@mx.example 'mailin5.mx.example[192.0.2.5]:25' sent
	d 09:08:00 1A0003 smtp w@mx.example 'mailin6.mx.example[192.0.2.60]:25' sent
	# fb.example: connect refused on mx1, mx2 takes it in the same attempt
	d 09:00:03 1A0004 smtp u@fb.example 'mx1.fb.example[198.51.100.1]:25' sent
	printf 'Mar  3 09:01:00 mx postfix/smtp[9]: 1A0005: connect to mx1.fb.example[198.51.100.1]:25: Connection refused\n'
	d 09:01:01 1A0005 smtp v@fb.example 'other.fb.net[203.0.113.9]:25' sent
	d 09:02:00 1A0006 smtp w@fb.example 'mx1.fb.example[198.51.100.1]:25' sent
	# example.test: virtual, reload, then smtp to 127.0.0.2:2525
	d 09:00:04 1A0007 virtual a@example.test virtual sent 'delivered to maildir'
	d 09:00:05 1A0008 virtual b@example.test virtual sent 'delivered to maildir'
	printf 'Mar  3 09:03:00 mx postfix/master[1]: reload -- version 3.7.11, configuration /etc/postfix\n'
	d 09:04:00 1A0009 smtp c@example.test '127.0.0.2[127.0.0.2]:2525' sent
	d 09:05:00 1A000A smtp d@example.test '127.0.0.2[127.0.0.2]:2525' sent
	# out.example: relayhost smtp.isp-one.example -> smtp.isp-two.example, and a bounce there
	d 09:00:06 1A000B smtp a@out.example 'smtp.isp-one.example[192.0.2.77]:587' sent
	d 09:06:00 1A000C smtp b@out.example 'smtp.isp-two.example[192.0.2.88]:587' sent
	d 09:06:30 1A000D smtp c@out.example 'smtp.isp-two.example[192.0.2.88]:587' bounced 'host smtp.isp-two.example[192.0.2.88] said: 550 no such user'
	# bounced without reaching anyone: no route
	d 09:06:40 1A000E smtp d@out.example 'none' bounced 'Host or domain name not found'
} >"$TMP/log"
"$KANSOKU" mail timeline --changes --year 2024 "$TMP/log" >"$TMP/out" || exit 1
"$KANSOKU" mail timeline --json --year 2024 "$TMP/log" >"$TMP/json" || exit 1
python3 - "$TMP/out" "$TMP/json" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
want = [
    "example.test: transport virtual \u2192 smtp:127.0.0.2:2525: last delivery by the old route 09:00:05, "
    "first by the new 09:04:00; in between: postfix reload at 09:03:00",
    "out.example: next hop smtp:smtp.isp-one.example[192.0.2.77]:587 \u2192 smtp:smtp.isp-two.example[192.0.2.88]:587: "
    "last delivery by the old route 09:00:06, first by the new 09:06:00; in between: postfix reload at 09:03:00",
]
if lines != want:
    sys.exit("got:\n%s\nwant:\n%s" % ("\n".join(lines), "\n".join(want)))
ch = json.load(open(sys.argv[2]))["route_changes"]
assert [(c["domain"], c["kind"], [e["kind"] for e in c["events_between"]]) for c in ch] == \
    [("example.test", "transport", ["reload"]), ("out.example", "next hop", ["reload"])], ch
PY
