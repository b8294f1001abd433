#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a synthetic but realistic Postfix mail log (rsyslog traditional format).

    gen_maillog.py [--bytes N | --messages N] [--seed S] [--start YYYY-MM-DD] [--step K] > maillog

Every message follows Postfix's own sequence of lines (smtpd connect/client=,
cleanup message-id, qmgr from=/removed, delivery agents with relay, delay,
dsn and status) with a mix of outcomes: local and remote deliveries,
deferrals followed by later delivery or bounce, forwards, content-filter
hops, pickup submissions, smtpd and cleanup rejects, reject warnings, holds,
discards, warnings and fatal lines, and other programs' lines in between.
Time advances a few seconds per message, across midnight and (with --start
near the end of December) New Year. Deterministic for a given seed.
"""
import argparse
import random
import sys
import datetime

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bytes", type=int, default=0)
    ap.add_argument("--messages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2023-12-30")
    ap.add_argument("--step", type=int, default=1, help="multiplies the seconds between messages")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    t = datetime.datetime.fromisoformat(a.start + "T22:00:00")
    out = sys.stdout
    buf = []
    written = 0
    qn = 0x1A2B3C000
    pid = 1000
    local_doms = ["example.org", "mail.example.org", "Example.NET"]
    remote_doms = ["gmail.com", "outlook.com", "yahoo.co.uk", "web.de", "corp.example.com",
                   "sub.mail.example.co.jp", "EXAMPLE.info"]
    users = ["alice", "bob", "carol", "dave", "erin", "frank", "Grace", "heidi", "bounce-123-x=y"]
    clients = ["mail-wm1-f41.google.com[209.85.128.41]", "unknown[203.0.113.7]",
               "mx.corp.example.com[198.51.100.20]", "localhost[127.0.0.1]",
               "a.b.example.co.uk[192.0.2.33]", "unknown[2001:db8::25]", "host.example.de[192.0.2.99]"]
    relays_remote = ["gmail-smtp-in.l.google.com[142.250.1.27]:25", "mx1.corp.example.com[198.51.100.25]:25",
                     "mta7.am0.yahoodns.net[67.195.204.72]:25"]
    other = ["dovecot: imap-login: Login: user=<bob@example.org>, method=PLAIN, rip=192.0.2.5, lip=192.0.2.1, mpid=4242, TLS",
             "amavis[2279]: (02279-04) Passed CLEAN {RelayedInbound}, [192.0.2.5]:6101 <a@b.example> -> <c@example.org>, Hits: -, 80 ms",
             "opendkim[235]: 1234567890: DKIM-Signature field added (s=mail, d=example.org)"]

    def stamp():
        return "%s %2d %02d:%02d:%02d" % (MONTHS[t.month - 1], t.day, t.hour, t.minute, t.second)

    def emit(prog, text):
        buf.append("%s mx1 %s: %s\n" % (stamp(), prog, text))

    n = 0
    deferred_q = []
    while True:
        if a.bytes and written >= a.bytes:
            break
        if not a.bytes and n >= a.messages:
            break
        n += 1
        t += datetime.timedelta(seconds=a.step * rnd.choice([0, 0, 1, 1, 2, 3, 7]))
        pid += rnd.randint(1, 3)
        sp = "postfix/smtpd[%d]" % pid
        client = rnd.choice(clients)
        kind = rnd.random()
        qn += rnd.randint(1, 50)
        qid = "%X" % qn
        sender = "%s@%s" % (rnd.choice(users), rnd.choice(remote_doms + local_doms)) if rnd.random() > 0.05 else ""
        if rnd.random() < 0.15:
            buf.append("%s mx1 %s\n" % (stamp(), rnd.choice(other)))
        if kind < 0.06:
            # smtpd reject, no queue file
            emit(sp, "connect from %s" % client)
            rcpt = "%s@%s" % (rnd.choice(users), rnd.choice(local_doms))
            reason = rnd.choice([
                "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % rcpt,
                "554 5.7.1 <%s>: Relay access denied" % rcpt,
                "554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org"])
            emit(sp, "NOQUEUE: reject: RCPT from %s: %s; from=<%s> to=<%s> proto=ESMTP helo=<x>" % (client, reason, sender, rcpt))
            emit(sp, "disconnect from %s ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4" % client)
            continue
        if kind < 0.08:
            emit(sp, "NOQUEUE: reject_warning: RCPT from %s: 450 4.7.1 <x>: Helo command rejected: Host not found; from=<%s> to=<y@example.org> proto=ESMTP helo=<x>" % (client, sender))
            continue
        if kind < 0.09:
            emit("postfix/smtpd[%d]" % pid, "warning: hostname %s does not resolve to address 192.0.2.%d" % (client.split("[")[0], rnd.randint(1, 254)))
            continue
        if kind < 0.15:
            # local submission through pickup
            emit("postfix/pickup[900]", "%s: uid=0 from=<root>" % qid)
            sender = "root"
        else:
            emit(sp, "connect from %s" % client)
            emit(sp, "%s: client=%s" % (qid, client))
        emit("postfix/cleanup[%d]" % (pid + 1), "%s: message-id=<%d@example>" % (qid, n))
        c = rnd.random()
        if c < 0.02:
            emit("postfix/cleanup[%d]" % (pid + 1), "%s: reject: header Subject: buy now from %s; from=<%s> to=<x@example.org> proto=ESMTP helo=<h>: 5.7.1 spam" % (qid, client, sender))
            continue
        if c < 0.03:
            emit("postfix/cleanup[%d]" % (pid + 1), "%s: hold: header X-Spam: yes from %s; from=<%s> to=<x@example.org> proto=ESMTP helo=<h>" % (qid, client, sender))
            continue
        if c < 0.035:
            emit("postfix/cleanup[%d]" % (pid + 1), "%s: discard: body viagra from %s; from=<%s> to=<x@example.org> proto=ESMTP helo=<h>: spam" % (qid, client, sender))
            continue
        if c < 0.05:
            emit("postfix/cleanup[%d]" % (pid + 1), "%s: warning: header Subject: odd from %s; from=<%s> to=<x@example.org> proto=ESMTP helo=<h>" % (qid, client, sender))
        size = rnd.choice([900, 1500, 4000, 25000, 120000, 2500000])
        nrcpt = rnd.choice([1, 1, 1, 2, 3])
        emit("postfix/qmgr[500]", "%s: from=<%s>, size=%d, nrcpt=%d (queue active)" % (qid, sender, size, nrcpt))
        if kind >= 0.15:
            emit(sp, "disconnect from %s ehlo=1 mail=1 rcpt=%d data=1 quit=1 commands=5" % (client, nrcpt))
        done = True
        for r in range(nrcpt):
            dom = rnd.choice(local_doms + remote_doms)
            rcpt = "%s@%s" % (rnd.choice(users), dom)
            d = rnd.random()
            delay = "%.2f" % rnd.uniform(0.05, 9)
            if dom in local_doms:
                agent, relay = rnd.choice([("postfix/virtual[%d]" % (pid + 2), "virtual"), ("postfix/local[%d]" % (pid + 2), "local")])
                if d < 0.05:
                    emit(agent, "%s: to=<%s>, orig_to=<alias@%s>, relay=local, delay=%s, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (forwarded as %X)" % (qid, rcpt, dom, delay, qn + 7))
                else:
                    emit(agent, "%s: to=<%s>, relay=%s, delay=%s, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)" % (qid, rcpt, relay, delay))
            else:
                relay = rnd.choice(relays_remote)
                agent = "postfix/smtp[%d]" % (pid + 3)
                if d < 0.08:
                    emit(agent, "%s: to=<%s>, relay=%s, delay=%s, delays=0.1/0/0.3/0.2, dsn=4.7.1, status=deferred (host %s said: 450 4.7.1 Greylisted, try again later (in reply to RCPT TO command))" % (qid, rcpt, relay, delay, relay.split(":")[0]))
                    deferred_q.append((qid, rcpt, relay, size))
                    done = False
                elif d < 0.11:
                    emit(agent, "%s: to=<%s>, relay=none, delay=%s, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to %s: Connection timed out)" % (qid, rcpt, delay, relay))
                    deferred_q.append((qid, rcpt, relay, size))
                    done = False
                elif d < 0.14:
                    emit(agent, "%s: to=<%s>, relay=%s, delay=%s, delays=0.1/0/0.3/0.2, dsn=5.1.1, status=bounced (host %s said: 550 5.1.1 <%s>: Recipient address rejected: User unknown (in reply to RCPT TO command))" % (qid, rcpt, relay, delay, relay.split(":")[0], rcpt))
                else:
                    emit(agent, "%s: to=<%s>, relay=%s, conn_use=2, delay=%s, delays=0.1/0/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK)" % (qid, rcpt, relay, delay))
        if done:
            emit("postfix/qmgr[500]", "%s: removed" % qid)
        # retry some deferred messages later: qmgr logs from= again, then delivery
        if deferred_q and rnd.random() < 0.3:
            dq, drcpt, drelay, dsize = deferred_q.pop(0)
            emit("postfix/qmgr[500]", "%s: from=<x@example.org>, size=%d, nrcpt=1 (queue active)" % (dq, dsize))
            if rnd.random() < 0.8:
                emit("postfix/smtp[%d]" % (pid + 4), "%s: to=<%s>, relay=%s, delay=%d, delays=600/0/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK)" % (dq, drcpt, drelay, rnd.randint(300, 9000)))
            else:
                emit("postfix/smtp[%d]" % (pid + 4), "%s: to=<%s>, relay=%s, delay=%d, delays=600/0/0.3/0.2, dsn=5.0.0, status=bounced (host said: 554 5.0.0 gone)" % (dq, drcpt, drelay, rnd.randint(300, 9000)))
            emit("postfix/qmgr[500]", "%s: removed" % dq)
        if n % 2000 == 50:
            emit("postfix/master[1]", "reload -- version 3.7.11, configuration /etc/postfix")
        if n % 3000 == 100:
            emit("postfix/trivial-rewrite[77]", "fatal: open database /etc/postfix/transport.db: No such file or directory")
        if len(buf) >= 4096:
            s = "".join(buf)
            written += len(s)
            out.write(s)
            buf.clear()
    s = "".join(buf)
    out.write(s)


if __name__ == "__main__":
    main()
