/* SPDX-License-Identifier: MIT */
/*
 * Built-in rules for Postfix logs read as datasets (ds->format "maillog",
 * metric tree in mail/maildata.h): one sample a minute, so a count
 * threshold is "more than N in one minute". Postfix itself sets no alarm
 * levels; where a number comes from its documentation the rule says so,
 * the others are kansoku's own choice for a mail relay of modest size and
 * are meant to be tuned with a rules file (`set mail.reject.burst
 * warning>200`).
 */
#include "check/rules.h"

#define MAILLOG "maillog"
#define POSTFIX_DELAYS "Postfix logs delay= (seconds since the message arrived) and, since 2.3, " \
	"delays=a/b/c/d: a before the queue manager, b in the queue manager, c connection setup " \
	"(DNS, TCP, greeting, HELO, TLS), d message transmission (postconf(5), 'delays')."
#define OWN " The thresholds are kansoku's own, for a relay of modest size: tune them with --rules."

#define GT(v) { .set = 1, .op = CHECK_GT, .value = (v) }
#define NO { .set = 0 }

static const struct check_rule mail_rules[] = {
	{
		.id = "mail.deferred.burst", .title = "burst of deferred deliveries",
		.metric = "mail/deferred: status=deferred delivery records per minute",
		.why = "A deferral is a delivery attempt that failed for now (4xx answer, "
		       "connection failure, a full disk at the destination); Postfix retries "
		       "later, so mail is late. Many in one minute mean a destination or the "
		       "network path to it is failing; relay/*/deferred tells which relay.",
		.origin = "Postfix's deferred queue (QSHAPE_README)." OWN,
		.sources = { { .object = "mail", .counter = "deferred" } },
		.nsources = 1,
		.level = { NO, GT(10), GT(100) },
		.unit = "/min", .builtin = 1, .formats = MAILLOG,
	},
	{
		.id = "mail.delay.total", .title = "deliveries taking long (delay=)",
		.metric = "delay/total/p95: 95th percentile of delay= over the minute's delivery "
			  "records (sent, deferred, bounced)",
		.why = "Time from the message's arrival to this delivery attempt: what the "
		       "recipient waits. A high value is mail that sat in the deferred queue or "
		       "a slow path; the delay/* parts tell which stage took the time.",
		.origin = POSTFIX_DELAYS " A minute is long for mail on its way." OWN,
		.sources = { { .object = "delay", .instance = "total", .counter = "p95" } },
		.nsources = 1,
		.level = { NO, GT(60), GT(900) },
		.unit = "s", .builtin = 1, .formats = MAILLOG,
	},
	{
		.id = "mail.delay.connection", .title = "slow connection setup to the next hop",
		.metric = "delay/connection/p95: 95th percentile of delays= part c over the minute",
		.why = "DNS lookups, TCP connect, the server's greeting, EHLO and TLS before the "
		       "first MAIL FROM: seconds here are slow DNS, a tarpitting or overloaded "
		       "server, or hosts that do not answer before the next one is tried.",
		.origin = POSTFIX_DELAYS " Postfix gives up a connect after smtp_connect_timeout "
			  "(30 s) and a greeting after smtp_helo_timeout (300 s); kansoku warns at "
			  "5 s and is critical at that 30 s.",
		.sources = { { .object = "delay", .instance = "connection", .counter = "p95" } },
		.nsources = 1,
		.level = { NO, GT(5), GT(30) },
		.unit = "s", .builtin = 1, .formats = MAILLOG,
	},
	{
		.id = "mail.delay.qmgr", .title = "mail waiting in the queue manager",
		.metric = "delay/in qmgr/p95: 95th percentile of delays= part b over the minute",
		.why = "Time in the queue manager before a delivery agent took the message, "
		       "the time it waited in the deferred queue included: it grows when the "
		       "queue is congested (destination concurrency limits, too few delivery "
		       "processes, a slow transport) and when mail deferred earlier finally "
		       "goes out (then mail.deferred.burst comes first).",
		.origin = POSTFIX_DELAYS " Postfix's QSHAPE_README describes the congestion "
			  "this shows." OWN,
		.sources = { { .object = "delay", .instance = "in qmgr", .counter = "p95" } },
		.nsources = 1,
		.level = { NO, GT(5), GT(60) },
		.unit = "s", .builtin = 1, .formats = MAILLOG,
	},
	{
		.id = "mail.reject.burst", .title = "burst of rejected mail",
		.metric = "mail/rejected: smtpd, postscreen and cleanup reject, reject_warning, "
			  "hold and discard records per minute (as `mail timeline` counts them)",
		.why = "Rejects are Postfix doing its job, but a sudden burst is a spam run, a "
		       "dictionary attack, a broken client retrying, or a restriction that "
		       "started refusing legitimate mail after a change.",
		.origin = "pflogsumm's reject counts, per minute." OWN,
		.sources = { { .object = "mail", .counter = "rejected" } },
		.nsources = 1,
		.level = { NO, GT(20), GT(100) },
		.unit = "/min", .builtin = 1, .formats = MAILLOG,
	},
	{
		.id = "mail.relay.unreachable", .title = "relay not reachable (connection failures)",
		.metric = "relay/*/connect failures: \"connect to HOST[ADDR]:PORT: ...\" per minute "
			  "and relay (refused, timed out, no route)",
		.why = "Postfix could not even open a connection: the host is down, a firewall "
		       "drops the traffic, or the route is gone. With several MX hosts another "
		       "may take the mail (info); a relayhost that fails again and again holds "
		       "up everything sent through it.",
		.origin = "Postfix smtp(8) logs each failed host before trying the next." OWN,
		.sources = { { .object = "relay", .counter = "connect failures" } },
		.nsources = 1,
		.level = { GT(0), GT(5), GT(30) },
		.unit = "/min", .builtin = 1, .formats = MAILLOG,
	},
	{
		.id = "mail.bounced", .title = "mail bounced",
		.metric = "mail/bounced: status=bounced delivery records per minute",
		.why = "A bounce is a permanent failure: the sender gets a non-delivery report "
		       "and the mail is not delivered. A few are normal (unknown users); many "
		       "point at a wrong route, a rejecting relay or a blocklisting.",
		.origin = "pflogsumm's bounced count, per minute." OWN,
		.sources = { { .object = "mail", .counter = "bounced" } },
		.nsources = 1,
		.level = { GT(0), GT(10), GT(50) },
		.unit = "/min", .builtin = 1, .formats = MAILLOG,
	},
};

const struct check_rule *check_mail_rules(size_t *n)
{
	*n = sizeof(mail_rules) / sizeof(mail_rules[0]);
	return mail_rules;
}
