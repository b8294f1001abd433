/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_MAILDATA_H
#define KANSOKU_MAIL_MAILDATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/error.h"
#include "core/strmap.h"
#include "mail/maillog.h"
#include "mail/qtable.h"
#include "mail/timeline.h"

/*
 * A Postfix log as a dataset (ds->format "maillog"): one sample a minute
 * from the first to the last Postfix line, so `stats`, `export`, `plot`,
 * `check` and `report` read mail logs as they read performance files.
 * Lines are read once; the classification of received, sent, deferred,
 * bounced and rejected mail, daemon lifetimes, master's events and route
 * changes is mail/timeline.c's (the same numbers as `mail timeline`).
 *
 * Metric tree (path: object/instance/counter; selections also take
 * object(instance)/counter), counts per minute (unit
 * "/min") are 0 in a minute without any, other values missing (NaN):
 *   mail/received  mail/sent  mail/sent local  mail/sent remote
 *   mail/deferred  mail/bounced  mail/rejected      as `mail timeline` counts
 *                  them: sent and deferred are delivery records (pflogsumm's
 *                  delivered + forwarded, its deferrals), rejected adds up
 *                  rejects, reject warnings, holds and discards
 *   relay(R)/sent  relay(R)/deferred  relay(R)/bounced
 *                  delivery records by relay= (R as `mail timeline --changes`
 *                  names it: "mx.example.com[192.0.2.1]:25", "127.0.0.2:2525",
 *                  "virtual", "none"); at most MAILDATA_MAX_RELAYS relays,
 *                  later ones together as R = "(other)"
 *   relay(R)/connect failures
 *                  "connect to R: ..." failures (Connection refused, timed
 *                  out, No route to host), whether logged on their own (one
 *                  MX host of several) or as a deferral's reason
 *   delay(P)/p50  delay(P)/p95  delay(P)/max       seconds, over the
 *                  delivery records (sent, deferred, bounced) of the minute;
 *                  P = total (delay=) or a part of delays=a/b/c/d:
 *                  before qmgr (a), in qmgr (b), connection (c: DNS, TCP,
 *                  greeting, HELO, TLS), transmission (d). Missing in a
 *                  minute without deliveries. Quantiles are type 7.
 *   queue/active   messages in the active queue, most in the minute: those
 *                  qmgr took in ("(queue active)") and that were neither
 *                  removed nor deferred since. Only once the log shows qmgr
 *                  taking a message in (missing before); messages already in
 *                  the queue when the log starts are not known.
 *   process(D)/started  process(D)/exited
 *                  processes of daemon D (smtpd, smtp, cleanup...) seen
 *                  first / last in the minute (Postfix does not log most
 *                  exits: pids appearing and going, as `mail timeline`);
 *                  not counted in the log's first / last minute, where a
 *                  process may only seem to start or end.
 * Every metric's host is the syslog host of the first Postfix line.
 * Events: master's "daemon started" (kind "start"), "reload" ("reload"),
 * "terminating on signal" ("stop"), fatal errors and panics ("fatal",
 * "panic"), and route changes ("route": "DOMAIN: FROM -> TO" at the first
 * delivery by the new route).
 *
 * Zone: RFC 3339 stamps give it (tz_known); traditional syslog stamps are
 * local times of an unknown zone, kept as written (tz_known 0).
 */
#define MAILDATA_MAX_RELAYS 64

struct maildata_relay {
	size_t metric;		/* "sent"; deferred, bounced, connect failures follow */
};

struct maildata {
	struct dataset *ds;
	struct timeline tl;
	int64_t minute0;	/* minute of row 0 (t_us / 60 s) */
	size_t m_mail;		/* first of the mail/ counts */
	size_t m_delay;		/* first of the delay metrics: 5 parts x (p50, p95, max) */
	long m_queue;		/* queue/active, -1 before qmgr took a message in */
	uint8_t *is_count;	/* per metric: a count (0 in a new row) */
	size_t is_count_cap;
	struct strmap relays;	/* relay name -> struct maildata_relay */
	size_t nrelays;
	double *delays[5];	/* the current minute's delays, per part */
	size_t ndelays[5], delays_cap[5];
	struct qtable active;	/* messages in the active queue */
	char host[256];		/* of the first Postfix line: every metric's host */
	uint64_t lines_back;	/* lines earlier than a minute already closed: counted there */
};

void maildata_init(struct maildata *b, struct dataset *ds);
/* One log line, in time order (maillog_each()); other programs' lines are ignored. */
void maildata_add(struct maildata *b, const struct maillog_line *l);
/* After the last line: closes the last minute, adds process counts and events. */
void maildata_finish(struct maildata *b);
void maildata_release(struct maildata *b);

/*
 * Whether the first bytes of an input look like a mail log: among its
 * first complete lines, syslog records, at least one of them Postfix's.
 */
int maildata_sniff(const char *head, size_t len);
/* The same from an input already open (the dispatcher's, see input/input.h); src stays the caller's. */
struct source;
int maildata_load_source(struct dataset *ds, struct source *src, const char *path, int year,
			 struct progress *progress, struct kerr *err);


/*
 * Reads the logs `paths` (one stream, as `mail` reads them: any order,
 * compressed or not) into ds (ds_init'ed by the caller, which releases it).
 * `year`: as maillog_options.year. Returns 0, or -1 with err naming the
 * file; a file without any Postfix line is an error.
 */
int maildata_load(struct dataset *ds, char *const *paths, size_t npaths, int year,
		  struct progress *progress, struct kerr *err);

#endif
