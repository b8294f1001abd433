/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_TIMELINE_H
#define KANSOKU_MAIL_TIMELINE_H

#include <stdint.h>
#include <stdio.h>

#include "core/strmap.h"
#include "mail/maillog.h"
#include "mail/qtable.h"

/*
 * `kansoku mail timeline`: what happened when, from a Postfix log.
 *  - activity per minute: received, delivered (sent) split into local
 *    (on this host: local, virtual, discard, lmtp over a unix socket,
 *    loopback relays such as content filters) and remote (relays
 *    "host[address]:port" elsewhere), deferred, bounced, rejected; stored
 *    sparsely, one record per minute with activity;
 *  - daemon lifetimes: each process (syslog tag + pid) from the first to the
 *    last line it wrote. Postfix 3.7 logs "idle timeout -- exiting" only with
 *    -v, so lifetimes are inferred from pids appearing and disappearing;
 *  - events: master "daemon started", "reload", "terminating", idle exits
 *    when logged, warnings, fatal errors and panics;
 *  - route changes: per recipient domain, each moment its deliveries moved
 *    to another relay (relay=virtual -> relay=127.0.0.2:2525), with the last
 *    delivery by the old route, so the moment a configuration change took
 *    effect can be read off. Each switch of a domain's route between
 *    consecutive deliveries is a change (so a change and its revert both
 *    show); a domain that switches more than TL_SWITCHES_PER_DOMAIN times
 *    uses its routes side by side (several MX hosts) and only its
 *    cut-overs count: a route whose first delivery comes after another's
 *    last. At most TL_ROUTES_PER_DOMAIN routes per domain are told apart. Hops to a content filter that
 *    re-injects into the same Postfix (the relay answered "queued as X" and X
 *    then arrives through smtpd) are not routes of the domain.
 */

enum { TL_RECEIVED, TL_SENT_LOCAL, TL_SENT_REMOTE, TL_DEFERRED, TL_BOUNCED, TL_REJECTED, TL_NSERIES };
extern const char *const timeline_series_names[TL_NSERIES];

struct tl_minute {
	int64_t minute;		/* t_us / 60 s */
	uint32_t v[TL_NSERIES];
};

struct tl_proc {
	const char *prog;	/* interned "postfix/smtpd" */
	const char *daemon;	/* interned "smtpd" */
	long pid;
	int64_t first_us, last_us;
	uint64_t lines;
	int idle_exit;		/* "idle timeout -- exiting" logged */
};

enum tl_event_kind { TL_EV_START, TL_EV_RELOAD, TL_EV_STOP, TL_EV_IDLE_EXIT, TL_EV_WARNING,
		     TL_EV_FATAL, TL_EV_PANIC };
extern const char *const timeline_event_names[];

struct tl_event {
	int64_t t_us;
	enum tl_event_kind kind;
	const char *daemon;	/* interned */
	long pid;
	const char *text;	/* interned, cut at 200 bytes */
};

struct tl_change {
	const char *domain;	/* interned */
	const char *from, *to;	/* interned routes */
	int64_t t_us;		/* first delivery by the new route */
	int64_t last_old_us;	/* last delivery by the old route */
};

#define TL_ROUTES_PER_DOMAIN 8

struct tl_route_minute {
	int64_t minute;		/* t_us / 60 s */
	uint32_t deliveries;
};

/* Minutes with deliveries kept per route, all routes together (12 bytes each). */
#define TL_ROUTE_MINUTES 1000000

struct tl_route {
	const char *route;	/* interned: the first delivery's route */
	/*
	 * interned: what routes of one destination share: the transport and the
	 * next hop's parent domain and port ("smtp:*.zih.example.com:25"), or
	 * its address when it has no name. Hosts of one MX set (mailin5/6...)
	 * and addresses of one name are one route.
	 */
	const char *group;
	/* successful deliveries per minute, for the chart (up to TL_ROUTE_MINUTES in all) */
	struct tl_route_minute *minutes;
	uint32_t nminutes, minutes_cap;
	int64_t first_us, last_us;
	uint64_t deliveries;
};

/* More switches than this for one domain: it alternates (several MX hosts), see above. */
#define TL_SWITCHES_PER_DOMAIN 6

struct tl_routes {		/* per domain, the value of a strmap */
	struct tl_route r[TL_ROUTES_PER_DOMAIN];
	int n;
	int cur;		/* route of the last delivery */
	int switches;
	int alternating;
};

struct timeline {
	struct tl_minute *minutes;
	size_t nminutes, minutes_cap;
	struct tl_proc *procs;
	size_t nprocs, procs_cap;
	struct strmap proc_index;	/* "prog[pid]" -> size_t index + 1 */
	struct tl_event *events;
	size_t nevents, events_cap;
	uint64_t events_dropped;	/* beyond TIMELINE_MAX_EVENTS */
	struct tl_change *changes;
	size_t nchanges, changes_cap;
	struct strmap routes;		/* domain -> struct tl_routes */
	struct strmap strings;		/* interned strings */
	/* content filter hops: "queued as X" answers whose X comes back through smtpd */
	struct qtable queued_as;	/* X -> route (client_domain field), until confirmed */
	struct qtable via_smtpd;	/* messages received through smtpd, until "removed" */
	struct strmap filter_routes;	/* routes that re-inject into this Postfix */
	struct qtable failed;		/* messages with a failed attempt, until "removed" */
	uint64_t route_minutes;		/* kept in all tl_route.minutes */
	int64_t first_us, last_us;
	int offset_min;
	int have_time, traditional;
	uint64_t postfix_lines;
};

#define TIMELINE_MAX_EVENTS 20000

void timeline_init(struct timeline *t);
void timeline_release(struct timeline *t);
void timeline_add(struct timeline *t, const struct maillog_line *l);
/* Sorts what needs sorting; call once after the last line. */
void timeline_finish(struct timeline *t);

/* "relay=host[1.2.3.4]:25" style route text as --changes shows it, into out. */
size_t timeline_route_name(const char *relay, size_t len, char *out, size_t size);

/* The plain-text --changes view. */
void timeline_print_changes(FILE *f, const struct timeline *t);
/* Everything as JSON. */
void timeline_print_json(FILE *f, const struct timeline *t);

#endif
