/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_SUMMARY_H
#define KANSOKU_MAIL_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

#include "core/strmap.h"
#include "mail/maillog.h"
#include "mail/qtable.h"

/*
 * The numbers of `kansoku mail summary`, gathered line by line.
 *
 * Counting rules follow Debian's pflogsumm 1.1.5 wherever it reports the
 * same number, so the two can be compared (tests do):
 *   received     smtpd/postscreen "QID: client=" and pickup "sender=/uid="
 *   delivered    each "to=<..>, relay=.., delay=.., status=sent" recipient
 *                line that is not "forwarded as" (those are "forwarded")
 *   deferred     messages with at least one status=deferred ("deferrals":
 *                every such line); bounced: status=bounced lines
 *   rejected, reject warnings, held, discarded: smtpd/postscreen
 *                "QID|NOQUEUE: reject|reject_warning|hold|discard:" lines
 *                and cleanup "(milter-)reject|warning|hold|discard: header|
 *                body|END-OF-MESSAGE" lines
 *   bytes        qmgr "from=<..>, size=N" of a message received in the log
 *                (received) / of the message each delivery belongs to
 *   senders      distinct envelope senders of received messages ("<>" too);
 *                sending domains: their domains, or the client's domain
 *                (pflogsumm's reduction) when the sender has none
 *   recipients   distinct addresses of delivered recipients (domain part
 *                lower-cased), recipient domains likewise
 * The daemon is the last part of the syslog tag (postfix/submission/smtpd
 * is "smtpd"), and any syslog_name starting with "postfix" counts.
 * (pflogsumm matches "smtpd" and "cleanup" on the tag after "postfix/",
 * "postfix/smtps/" or "postfix/submission/" only, so it misses e.g. the
 * rejects of postfix/sender-cleanup/cleanup.) qmgr's "from=<" and the
 * delivery agents' "to=<" records are found where pflogsumm's unanchored
 * patterns find them, except in message-id lines, whose text comes from the
 * sender.
 */

enum { MS_RECEIVED, MS_DELIVERED, MS_DEFERRED, MS_BOUNCED, MS_REJECTED, MS_NCOLS };

struct mail_totals {
	uint64_t received, delivered, forwarded, deferred, deferrals, bounced;
	uint64_t rejected, reject_warnings, held, discarded;
	uint64_t bytes_received, bytes_delivered;
	uint64_t senders, sending_domains, recipients, recipient_domains;
	/*
	 * Beside pflogsumm's numbers, not in them:
	 *   reinjected   messages a content filter handed back through an
	 *                smtpd with its own syslog_name (postfix/10025/smtpd,
	 *                postfix/amavisd/smtpd): the same mail received again,
	 *                which pflogsumm does not count either
	 *   rejected_other_services  smtpd/cleanup rejects, holds and
	 *                discards logged under such a syslog_name, which
	 *                pflogsumm does not read
	 *   reused_ids   messages whose queue id an earlier message of the log
	 *                had (within QHIST_KEEP_US): pflogsumm counts their
	 *                deliveries with the first message's size and leaves
	 *                their own size (reused_bytes) out of bytes received
	 *   no_colon_lines  qmgr and sent lines without the ':' after [pid]: pflogsumm
	 *                takes the next word for the queue id, so it counts
	 *                their deliveries without a size (no_colon_bytes: the
	 *                sizes it misses) and their qmgr records not at all
	 */
	uint64_t reinjected, rejected_other_services, reused_ids, reused_bytes;
	uint64_t no_colon_lines, no_colon_bytes;
};

/* A recipient domain or relay. */
struct mail_dest {
	uint64_t sent, bytes, deferrals, bounced;
	double delay_sum, delay_max;
};

/* A sender, recipient or sending domain. */
struct mail_party {
	uint64_t count, bytes;
};

struct mail_day {
	int32_t day_key;
	uint64_t v[MS_NCOLS];
};

struct mail_summary {
	struct mail_totals t;
	uint64_t per_hour[24][MS_NCOLS];
	struct mail_day *days;
	size_t ndays, days_cap;

	uint64_t postfix_lines, other_lines;
	int64_t first_us, last_us;
	int offset_min;		/* zone of the last RFC 3339 stamp (0: wall clock) */
	int have_time;

	struct strmap rcpt_domains;	/* struct mail_dest */
	struct strmap relays;		/* struct mail_dest */
	struct strmap send_domains;	/* struct mail_party */
	struct strmap senders;		/* struct mail_party */
	struct strmap recipients;	/* struct mail_party */
	/* reasons: keys are fields joined by NUL bytes, values uint64_t counts */
	struct strmap deferral_reasons;	/* daemon \0 reason */
	struct strmap bounce_reasons;	/* relay \0 reason */
	struct strmap reject_reasons;	/* kind \0 stage \0 reason */
	struct strmap problems;		/* level \0 daemon \0 text */
	struct strmap master;		/* text */
	struct strmap others;		/* program name of a non-Postfix line */
	struct strmap clients;		/* interned client domains for qrec.client_domain */

	struct qtable q;
	struct qid_history gone;	/* ids of messages removed, for reused ids */
	uint64_t since_sweep;
	uint64_t swept;

	/*
	 * Postfix instances: the syslog_name prefix before the first '/'
	 * ("postfix", "postfix-out"). This summary counts one of them, named
	 * here: "postfix" (what pflogsumm reads by default) when the log has
	 * it, else the busiest one (pflogsumm --syslog-name=NAME). The others
	 * are counted apart in `instances` (each with is_instance set).
	 */
	char instance[64];
	struct mail_summary **instances;
	size_t ninstances, instances_cap;
	int is_instance;
};

void mail_summary_init(struct mail_summary *s);
void mail_summary_release(struct mail_summary *s);
void mail_summary_add(struct mail_summary *s, const struct maillog_line *l);
/* After the last line: chooses the instance this summary reports (see above). */
void mail_summary_finish(struct mail_summary *s);

/* pflogsumm's reduction of a client "host.example.com[1.2.3.4]" to a domain, into out. */
size_t mail_client_domain(const char *client, size_t len, char *out, size_t outsize);

/*
 * Delivery line fields: "to=<a>, [orig_to=<b>, ]relay=r, [conn_use=n, ]delay=d,
 * [delays=.., ][dsn=.., ]status=s rest". Pointers into the line.
 */
struct mail_delivery {
	const char *to;		size_t to_len;
	const char *relay;	size_t relay_len;
	const char *status;	size_t status_len;
	const char *rest;	size_t rest_len;	/* after the status word */
	double delay;
};
/* Returns 1 when text holds a delivery record (anywhere, as pflogsumm finds it). */
int mail_parse_delivery(const char *text, size_t len, struct mail_delivery *d);

#endif
