/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE	/* memmem */
#include "mail/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "mail/summary.h"

#define MINUTE_US (60 * TIME_US_PER_SEC)
#define EVENT_TEXT_MAX 200
#define CHANGES_SHOWN_PER_DOMAIN 20

const char *const timeline_series_names[TL_NSERIES] = {
	"received", "delivered local", "delivered remote", "deferred", "bounced", "rejected",
};
const char *const timeline_event_names[] = {
	"daemon started", "reload", "terminating", "idle exit", "warning", "fatal", "panic",
};

void timeline_init(struct timeline *t)
{
	memset(t, 0, sizeof(*t));
	strmap_init(&t->proc_index, sizeof(size_t));
	strmap_init(&t->routes, sizeof(struct tl_routes));
	strmap_init(&t->strings, 1);
	strmap_init(&t->filter_routes, 1);
	qtable_init(&t->failed);
	qtable_init(&t->queued_as);
	qtable_init(&t->via_smtpd);
}

void timeline_release(struct timeline *t)
{
	free(t->minutes);
	free(t->procs);
	free(t->events);
	free(t->changes);
	strmap_release(&t->proc_index);
	{
		struct strmap_entry *e = strmap_entries(&t->routes);
		size_t i;
		int k;

		for (i = 0; i < t->routes.count; i++)
			for (k = 0; k < ((struct tl_routes *)e[i].value)->n; k++)
				free(((struct tl_routes *)e[i].value)->r[k].minutes);
		free(e);
	}
	strmap_release(&t->routes);
	strmap_release(&t->strings);
	strmap_release(&t->filter_routes);
	qtable_release(&t->failed);
	qtable_release(&t->queued_as);
	qtable_release(&t->via_smtpd);
	memset(t, 0, sizeof(*t));
}

static const char *intern(struct timeline *t, const char *s, size_t len)
{
	return strmap_intern(&t->strings, s, len);
}

static int64_t floor_minute(int64_t t_us)
{
	return t_us >= 0 ? t_us / MINUTE_US : -((-t_us + MINUTE_US - 1) / MINUTE_US);
}

static struct tl_minute *minute_for(struct timeline *t, int64_t t_us)
{
	int64_t m = floor_minute(t_us);
	size_t lo, hi;

	if (t->nminutes && t->minutes[t->nminutes - 1].minute == m)
		return &t->minutes[t->nminutes - 1];
	if (!t->nminutes || t->minutes[t->nminutes - 1].minute < m) {
		XGROW(t->minutes, t->nminutes + 1, t->minutes_cap);
		memset(&t->minutes[t->nminutes], 0, sizeof(*t->minutes));
		t->minutes[t->nminutes].minute = m;
		return &t->minutes[t->nminutes++];
	}
	/* an older minute (lines slightly out of order, merged files): binary search */
	lo = 0;
	hi = t->nminutes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->minutes[mid].minute < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (t->minutes[lo].minute == m)
		return &t->minutes[lo];
	XGROW(t->minutes, t->nminutes + 1, t->minutes_cap);
	memmove(&t->minutes[lo + 1], &t->minutes[lo], (t->nminutes - lo) * sizeof(*t->minutes));
	t->nminutes++;
	memset(&t->minutes[lo], 0, sizeof(*t->minutes));
	t->minutes[lo].minute = m;
	return &t->minutes[lo];
}

static void count(struct timeline *t, const struct maillog_line *l, int series)
{
	minute_for(t, l->t_us)->v[series]++;
}

static void event(struct timeline *t, const struct maillog_line *l, enum tl_event_kind kind,
		  const char *text, size_t len)
{
	struct tl_event *e;

	if (t->nevents >= TIMELINE_MAX_EVENTS) {
		t->events_dropped++;
		return;
	}
	XGROW(t->events, t->nevents + 1, t->events_cap);
	e = &t->events[t->nevents++];
	e->t_us = l->t_us;
	e->kind = kind;
	e->daemon = intern(t, l->daemon, l->daemon_len);
	e->pid = l->pid;
	e->text = intern(t, text, len > EVENT_TEXT_MAX ? EVENT_TEXT_MAX : len);
}

static void see_process(struct timeline *t, const struct maillog_line *l)
{
	char key[256];
	int n, created;
	size_t *idx;
	struct tl_proc *p;

	if (l->pid < 0)
		return;
	n = snprintf(key, sizeof(key), "%.*s[%ld]", (int)(l->prog_len > 200 ? 200 : l->prog_len), l->prog, l->pid);
	idx = strmap_get(&t->proc_index, key, (size_t)n, &created);
	if (!created) {
		p = &t->procs[*idx];
		/* a pid reused after a long silence is another process: but we cannot tell; keep one */
		if (l->t_us < p->first_us)
			p->first_us = l->t_us;
		if (l->t_us > p->last_us)
			p->last_us = l->t_us;
		p->lines++;
		return;
	}
	XGROW(t->procs, t->nprocs + 1, t->procs_cap);
	*idx = t->nprocs;
	p = &t->procs[t->nprocs++];
	memset(p, 0, sizeof(*p));
	p->prog = intern(t, l->prog, l->prog_len);
	p->daemon = intern(t, l->daemon, l->daemon_len);
	p->pid = l->pid;
	p->first_us = p->last_us = l->t_us;
	p->lines = 1;
}

size_t timeline_route_name(const char *relay, size_t len, char *out, size_t size)
{
	const char *lb = memchr(relay, '[', len), *rb;
	int n;

	if (lb && (rb = memchr(lb, ']', (size_t)(relay + len - lb)))) {
		size_t host = (size_t)(lb - relay), addr = (size_t)(rb - lb - 1);

		/* "127.0.0.2[127.0.0.2]:2525" -> "127.0.0.2:2525" */
		if (host == addr && !memcmp(relay, lb + 1, host)) {
			n = snprintf(out, size, "%.*s%.*s", (int)host, relay, (int)(relay + len - rb - 1), rb + 1);
			return (size_t)n < size ? (size_t)n : size - 1;
		}
	}
	n = snprintf(out, size, "%.*s", (int)len, relay);
	return (size_t)n < size ? (size_t)n : size - 1;
}

static int drop_old_queued_as(const struct qrec *r, void *ctx)
{
	return r->last_seen < *(const int64_t *)ctx - 3600 * TIME_US_PER_SEC;
}

/*
 * A route: the transport and next hop of a delivery. The transport is the
 * master.cf service (postfix/relay/smtp: "relay"), else the daemon; the
 * next hop is the relay field when it names a host ("smtp:mx.example.com
 * [192.0.2.1]:25", "smtp:127.0.0.2:2525"), nothing for transports that
 * deliver here ("virtual", "local", "discard").
 */
static size_t route_name(const struct maillog_line *l, const char *relay, size_t len, char *out, size_t size)
{
	const char *tr = l->daemon, *slash;
	size_t trl = l->daemon_len, n;

	/* postfix/relay/smtp: the service's own syslog_name is its master.cf name */
	if (l->daemon > l->prog + 1) {
		slash = l->daemon - 1;
		tr = slash;
		while (tr > l->prog && tr[-1] != '/')
			tr--;
		if (tr > l->prog)
			trl = (size_t)(slash - tr);
		else
			tr = l->daemon, trl = l->daemon_len;
	}
	if (trl > 64)
		trl = 64;
	if (!memchr(relay, '[', len)) {
		n = (size_t)snprintf(out, size, "%.*s", (int)trl, tr);
		return n < size ? n : size - 1;
	}
	n = (size_t)snprintf(out, size, "%.*s:", (int)trl, tr);
	if (n >= size - 1)
		return size - 1;
	return n + timeline_route_name(relay, len, out + n, size - n);
}

/* The group of a route name (see struct tl_route), into out. */
static size_t route_group(const char *r, size_t len, char *out, size_t size)
{
	const char *c = memchr(r, ':', len), *h, *lb, *rb, *e = r + len, *dot;
	int n;

	if (!c || !(lb = memchr(c, '[', (size_t)(e - c))) || !(rb = memchr(lb, ']', (size_t)(e - lb)))) {
		n = snprintf(out, size, "%.*s", (int)len, r);
		return (size_t)n < size ? (size_t)n : size - 1;
	}
	h = c + 1;
	dot = memchr(h, '.', (size_t)(lb - h));
	if (lb == h || (lb - h == 7 && !memcmp(h, "unknown", 7)))
		n = snprintf(out, size, "%.*s%.*s%.*s", (int)(c + 1 - r), r, (int)(rb - lb - 1), lb + 1,
			     (int)(e - rb - 1), rb + 1);
	else if (dot && dot + 1 < lb)
		n = snprintf(out, size, "%.*s*%.*s%.*s", (int)(c + 1 - r), r, (int)(lb - dot), dot,
			     (int)(e - rb - 1), rb + 1);
	else
		n = snprintf(out, size, "%.*s%.*s%.*s", (int)(c + 1 - r), r, (int)(lb - h), h, (int)(e - rb - 1),
			     rb + 1);
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* The transport part of a route name. */
static size_t route_transport(const char *r)
{
	const char *c = strchr(r, ':');

	return c ? (size_t)(c - r) : strlen(r);
}

/*
 * A successful delivery (see timeline_add) by its route. `fallback`: the
 * message had a failed attempt before (a deferral, a host that did not
 * answer): when its transport is the domain's current one, the next MX
 * host taking over is not a route change.
 */
static void route(struct timeline *t, const struct maillog_line *l, const struct mail_delivery *d, int fallback)
{
	char name[300], dom[300], group[300];
	size_t n, gn, dlen = 0, i;
	const char *at = memchr(d->to, '@', d->to_len);
	struct tl_routes *rs;
	int k;

	if (!at || at + 1 >= d->to + d->to_len)
		return;
	for (i = 0; at + 1 + i < d->to + d->to_len && i < sizeof(dom) - 1; i++) {
		char c = at[1 + i];

		dom[dlen++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	n = route_name(l, d->relay, d->relay_len, name, sizeof(name));
	/* a relay answer "queued as X": if X later arrives through smtpd, this was a filter hop */
	if (!strmap_find(&t->filter_routes, name, n)) {
		const char *qa = memmem(d->rest, d->rest_len, "queued as ", 10);

		if (qa) {
			const char *q = qa + 10, *e = q;

			while (e < d->rest + d->rest_len && ((*e >= '0' && *e <= '9') || (*e >= 'A' && *e <= 'Z') ||
							     (*e >= 'a' && *e <= 'z')))
				e++;
			if (qtable_find(&t->via_smtpd, q, (size_t)(e - q))) {
				/* the filter re-injected before it answered: usual order */
				strmap_get(&t->filter_routes, name, n, NULL);
			} else if (maillog_is_queue_id(q, (size_t)(e - q))) {
				struct qrec *qr;

				if (qtable_count(&t->queued_as) >= 100000) {
					int64_t now = l->t_us;

					qtable_sweep(&t->queued_as, drop_old_queued_as, &now);
				}
				qr = qtable_get(&t->queued_as, q, (size_t)(e - q));
				qr->client_domain = intern(t, name, n);
				qr->last_seen = l->t_us;
			}
		}
	}
	/* a hop to a content filter is not a route of the domain */
	if (strmap_find(&t->filter_routes, name, n))
		return;
	rs = strmap_get(&t->routes, dom, dlen, NULL);
	gn = route_group(name, n, group, sizeof(group));
	for (k = 0; k < rs->n; k++)
		if (strlen(rs->r[k].group) == gn && !memcmp(rs->r[k].group, group, gn))
			break;
	if (fallback && rs->n && k != rs->cur) {
		const char *cur = rs->r[rs->cur].route;

		if (route_transport(cur) == route_transport(name) && !memcmp(cur, name, route_transport(name)))
			return;
	}
	if (k == rs->n) {
		if (rs->n == TL_ROUTES_PER_DOMAIN)
			return;
		rs->n++;
		rs->r[k].route = intern(t, name, n);
		rs->r[k].group = intern(t, group, gn);
		rs->r[k].first_us = rs->r[k].last_us = l->t_us;
	}
	if (rs->n > 1 && k != rs->cur && !rs->alternating) {
		if (++rs->switches > TL_SWITCHES_PER_DOMAIN) {
			rs->alternating = 1;
		} else {
			struct tl_change *c;

			XGROW(t->changes, t->nchanges + 1, t->changes_cap);
			c = &t->changes[t->nchanges++];
			c->domain = intern(t, dom, dlen);
			c->from = rs->r[rs->cur].route;
			c->to = rs->r[k].route;
			c->t_us = l->t_us;
			c->last_old_us = rs->r[rs->cur].last_us;
		}
	}
	rs->cur = k;
	if (l->t_us < rs->r[k].first_us)
		rs->r[k].first_us = l->t_us;
	if (l->t_us > rs->r[k].last_us)
		rs->r[k].last_us = l->t_us;
	rs->r[k].deliveries++;
	{
		struct tl_route *ro = &rs->r[k];
		int64_t minute = floor_minute(l->t_us);

		if (ro->nminutes && ro->minutes[ro->nminutes - 1].minute == minute) {
			ro->minutes[ro->nminutes - 1].deliveries++;
		} else if (t->route_minutes < TL_ROUTE_MINUTES) {
			if (ro->nminutes == ro->minutes_cap) {
				ro->minutes_cap = ro->minutes_cap ? ro->minutes_cap * 2 : 16;
				ro->minutes = xreallocarray(ro->minutes, ro->minutes_cap, sizeof(*ro->minutes));
			}
			ro->minutes[ro->nminutes].minute = minute;
			ro->minutes[ro->nminutes++].deliveries = 1;
			t->route_minutes++;
		}
	}
}

static int is_filter(const struct timeline *t, const char *route)
{
	return strmap_find(&t->filter_routes, route, strlen(route)) != NULL;
}

/*
 * Domains that alternate: drop their switches, keep their cut-overs (B
 * replaced A when A's last delivery is not after B's first).
 */
static void find_changes(struct timeline *t)
{
	struct strmap_entry *e = strmap_entries(&t->routes);
	size_t i, k = 0;

	for (i = 0; i < t->nchanges; i++) {
		const struct tl_routes *rs = strmap_find(&t->routes, t->changes[i].domain,
							 strlen(t->changes[i].domain));

		if (!rs || !rs->alternating)
			t->changes[k++] = t->changes[i];
	}
	t->nchanges = k;
	for (i = 0; i < t->routes.count; i++) {
		const struct tl_routes *rs = e[i].value;
		int a, b;

		if (!rs->alternating)
			continue;

		for (b = 0; b < rs->n; b++) {
			int best = -1;

			if (is_filter(t, rs->r[b].route))
				continue;
			for (a = 0; a < rs->n; a++)
				if (a != b && !is_filter(t, rs->r[a].route) && rs->r[a].first_us < rs->r[b].first_us &&
				    rs->r[a].last_us <= rs->r[b].first_us &&
				    (best < 0 || rs->r[a].last_us > rs->r[best].last_us))
					best = a;
			if (best >= 0) {
				struct tl_change *c;

				XGROW(t->changes, t->nchanges + 1, t->changes_cap);
				c = &t->changes[t->nchanges++];
				c->domain = e[i].key;
				c->from = rs->r[best].route;
				c->to = rs->r[b].route;
				c->t_us = rs->r[b].first_us;
				c->last_old_us = rs->r[best].last_us;
			}
		}
	}
	free(e);
}

/*
 * Remote: "host[address]:port" with a network address off this machine.
 * Transports without an address (local, virtual, discard), unix sockets
 * ("host[/var/run/dovecot/lmtp]") and loopback (a content filter on
 * 127.0.0.1) deliver on this host.
 */
static int relay_is_remote(const char *r, size_t len)
{
	const char *lb = memchr(r, '[', len);
	size_t n;

	if (!lb)
		return 0;
	n = (size_t)(r + len - lb - 1);
	if (n && lb[1] == '/')
		return 0;
	if ((n >= 4 && !memcmp(lb + 1, "127.", 4)) || (n >= 4 && !memcmp(lb + 1, "::1]", 4)))
		return 0;
	return 1;
}

static int has_prefix(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	return len >= n && !memcmp(s, lit, n);
}

/* The message l names had an attempt that failed: its next delivery may be an MX fallback. */
static void note_failure(struct timeline *t, const struct maillog_line *l)
{
	struct qrec *qr;

	if (!l->qid || l->qid_len > QTABLE_ID_MAX || (l->qid_len == 7 && !memcmp(l->qid, "NOQUEUE", 7)))
		return;
	if (qtable_count(&t->failed) >= 1000000) {
		/* messages leave the queue within maximal_queue_lifetime (5 days) */
		int64_t now = l->t_us - 5 * 86400 * TIME_US_PER_SEC;

		qtable_sweep(&t->failed, drop_old_queued_as, &now);
	}
	qr = qtable_get(&t->failed, l->qid, l->qid_len);
	qr->last_seen = l->t_us;
}

void timeline_add(struct timeline *t, const struct maillog_line *l)
{
	const char *tx = l->text;
	size_t tl = l->text_len;
	struct mail_delivery d;

	if (!l->is_postfix)
		return;
	t->postfix_lines++;
	if (!t->have_time || l->t_us < t->first_us)
		t->first_us = l->t_us;
	if (!t->have_time || l->t_us > t->last_us)
		t->last_us = l->t_us;
	if (l->offset_min || !t->have_time)
		t->offset_min = l->offset_min;
	if (!l->zoned)
		t->traditional = 1;
	t->have_time = 1;
	see_process(t, l);

	if (!l->qid) {
		if (has_prefix(tx, tl, "warning: "))
			event(t, l, TL_EV_WARNING, tx + 9, tl - 9);
		else if (has_prefix(tx, tl, "fatal: "))
			event(t, l, TL_EV_FATAL, tx + 7, tl - 7);
		else if (has_prefix(tx, tl, "panic: "))
			event(t, l, TL_EV_PANIC, tx + 7, tl - 7);
		else if (has_prefix(tx, tl, "daemon started"))
			event(t, l, TL_EV_START, tx, tl);
		else if (has_prefix(tx, tl, "reload"))
			event(t, l, TL_EV_RELOAD, tx, tl);
		else if (has_prefix(tx, tl, "terminating on signal"))
			event(t, l, TL_EV_STOP, tx, tl);
		else if (has_prefix(tx, tl, "idle timeout -- exiting")) {
			char key[256];
			int n = snprintf(key, sizeof(key), "%.*s[%ld]", (int)(l->prog_len > 200 ? 200 : l->prog_len),
					 l->prog, l->pid);
			size_t *idx = strmap_find(&t->proc_index, key, (size_t)n);

			if (idx)
				t->procs[*idx].idle_exit = 1;
			event(t, l, TL_EV_IDLE_EXIT, tx, tl);
		} else if (has_prefix(tx, tl, "reject: ") || has_prefix(tx, tl, "reject_warning: ") ||
			   has_prefix(tx, tl, "hold: ") || has_prefix(tx, tl, "discard: "))
			count(t, l, TL_REJECTED);
		return;
	}
	if (has_prefix(tx, tl, "reject: ") || has_prefix(tx, tl, "milter-reject: ") ||
	    has_prefix(tx, tl, "reject_warning: ") || has_prefix(tx, tl, "hold: ") ||
	    has_prefix(tx, tl, "discard: ")) {
		if ((l->daemon_len == 5 && !memcmp(l->daemon, "smtpd", 5)) ||
		    (l->daemon_len == 10 && !memcmp(l->daemon, "postscreen", 10)) ||
		    (l->daemon_len == 7 && !memcmp(l->daemon, "cleanup", 7)))
			count(t, l, TL_REJECTED);
		return;
	}
	if ((l->daemon_len == 5 && !memcmp(l->daemon, "smtpd", 5)) ||
	    (l->daemon_len == 10 && !memcmp(l->daemon, "postscreen", 10))) {
		if (has_prefix(tx, tl, "client=") && !(l->qid_len == 7 && !memcmp(l->qid, "NOQUEUE", 7))) {
			struct qrec *qr = qtable_count(&t->queued_as) ? qtable_find(&t->queued_as, l->qid, l->qid_len) : NULL;

			count(t, l, TL_RECEIVED);
			if (l->qid_len <= QTABLE_ID_MAX) {
				if (qtable_count(&t->via_smtpd) >= 1000000) {
					int64_t now = l->t_us;

					qtable_sweep(&t->via_smtpd, drop_old_queued_as, &now);
				}
				qtable_get(&t->via_smtpd, l->qid, l->qid_len)->last_seen = l->t_us;
			}
			if (qr) {
				strmap_get(&t->filter_routes, qr->client_domain, strlen(qr->client_domain), NULL);
				qtable_remove(&t->queued_as, qr);
			}
		}
		return;
	}
	if (l->daemon_len == 6 && !memcmp(l->daemon, "pickup", 6) &&
	    (has_prefix(tx, tl, "sender=") || has_prefix(tx, tl, "uid="))) {
		count(t, l, TL_RECEIVED);
		return;
	}
	if (tl == 7 && !memcmp(tx, "removed", 7)) {
		struct qrec *qr = qtable_count(&t->via_smtpd) ? qtable_find(&t->via_smtpd, l->qid, l->qid_len) : NULL;

		if (qr)
			qtable_remove(&t->via_smtpd, qr);
		qr = qtable_count(&t->failed) ? qtable_find(&t->failed, l->qid, l->qid_len) : NULL;
		if (qr)
			qtable_remove(&t->failed, qr);
		return;
	}
	if (tl > 4 && memmem(tx, tl, "to=<", 4) && mail_parse_delivery(tx, tl, &d)) {
		int remote = relay_is_remote(d.relay, d.relay_len);
		int fallback = qtable_count(&t->failed) && qtable_find(&t->failed, l->qid, l->qid_len);

		/*
		 * Routes are read off successful deliveries only: sent, or bounced
		 * by the remote host's own answer (it was reached). A deferral
		 * says where Postfix tried, not where mail goes.
		 */
		if (d.status_len == 4 && !memcmp(d.status, "sent", 4)) {
			count(t, l, remote ? TL_SENT_REMOTE : TL_SENT_LOCAL);
			route(t, l, &d, fallback);
		} else if (d.status_len == 8 && !memcmp(d.status, "deferred", 8)) {
			count(t, l, TL_DEFERRED);
			note_failure(t, l);
		} else if (d.status_len == 7 && !memcmp(d.status, "bounced", 7)) {
			count(t, l, TL_BOUNCED);
			if (memmem(d.rest, d.rest_len, " said: ", 7))
				route(t, l, &d, fallback);
		}
		return;
	}
	/* smtp/lmtp could not use a host and tries the next one: "connect to mx1[...]: Connection refused" */
	if (has_prefix(tx, tl, "connect to ") || has_prefix(tx, tl, "lost connection with ") ||
	    has_prefix(tx, tl, "conversation with ") || (has_prefix(tx, tl, "host ") && memmem(tx, tl, " refused to talk", 16)))
		note_failure(t, l);
}

static int cmp_change(const void *a, const void *b)
{
	const struct tl_change *x = a, *y = b;
	int c = strcmp(x->domain, y->domain);

	if (c)
		return c;
	return (x->t_us > y->t_us) - (x->t_us < y->t_us);
}

static int cmp_event(const void *a, const void *b)
{
	const struct tl_event *x = a, *y = b;

	return (x->t_us > y->t_us) - (x->t_us < y->t_us);
}

void timeline_finish(struct timeline *t)
{
	find_changes(t);
	/* stable enough: equal times keep log order only by luck; ties are rare and harmless */
	if (t->nchanges)
		qsort(t->changes, t->nchanges, sizeof(*t->changes), cmp_change);
	if (t->nevents)
		qsort(t->events, t->nevents, sizeof(*t->events), cmp_event);
}

static void fmt(const struct timeline *t, char *out, size_t size, int64_t us)
{
	int one_day = floor_minute(t->first_us + (int64_t)t->offset_min * MINUTE_US) / 1440 ==
		      floor_minute(t->last_us + (int64_t)t->offset_min * MINUTE_US) / 1440;

	time_format(out, size, us, t->offset_min, one_day ? TIME_CLOCK : TIME_PLAIN, 0);
}

static void print_filters(FILE *f, const struct timeline *t)
{
	struct strmap_entry *e;
	size_t i;

	if (!t->filter_routes.count)
		return;
	e = strmap_entries(&t->filter_routes);
	fputs("(content filter hops, not routes of a domain: ", f);
	for (i = 0; i < t->filter_routes.count; i++) {
		fputs(i ? ", " : "", f);
		utf8_fput_clean(f, e[i].key);
	}
	fputs(")\n", f);
	free(e);
}

/*
 * The events that can make a configuration change take effect (daemon
 * start, reload, stop, idle exit) between the last delivery by the old
 * route and the first by the new: up to max of them, the latest ones.
 */
static size_t change_events(const struct timeline *t, const struct tl_change *c, const struct tl_event **out,
			    size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < t->nevents; i++) {
		const struct tl_event *e = &t->events[i];

		if (e->t_us < c->last_old_us || e->t_us > c->t_us)
			continue;
		if (e->kind != TL_EV_START && e->kind != TL_EV_RELOAD && e->kind != TL_EV_STOP &&
		    e->kind != TL_EV_IDLE_EXIT)
			continue;
		if (n == max) {
			memmove(out, out + 1, (max - 1) * sizeof(*out));
			n--;
		}
		out[n++] = e;
	}
	return n;
}

void timeline_print_changes(FILE *f, const struct timeline *t)
{
	size_t i = 0, shown = 0;
	char a[48], b[48];

	if (!t->nchanges) {
		struct strmap_entry *e = strmap_entries(&t->routes);
		size_t alt = 0;

		for (i = 0; i < t->routes.count; i++)
			alt += ((const struct tl_routes *)e[i].value)->alternating != 0;
		free(e);
		fprintf(f, "no route changes among %zu recipient domains", t->routes.count);
		if (alt)
			fprintf(f, " (%zu use several routes side by side, without a cut-over)", alt);
		fputc('\n', f);
		print_filters(f, t);
		return;
	}
	for (i = 0; i < t->nchanges; i++) {
		const struct tl_change *c = &t->changes[i];

		if (i && strcmp(c->domain, t->changes[i - 1].domain))
			shown = 0;
		if (shown++ >= CHANGES_SHOWN_PER_DOMAIN) {
			size_t more = 0;

			while (i < t->nchanges && !strcmp(t->changes[i].domain, c->domain))
				i++, more++;
			utf8_fput_clean(f, c->domain);
			fprintf(f, ": ... %zu more changes\n", more);
			i--;
			continue;
		}
		fmt(t, a, sizeof(a), c->t_us);
		fmt(t, b, sizeof(b), c->last_old_us);
		utf8_fput_clean(f, c->domain);
		fputs(route_transport(c->from) == route_transport(c->to) &&
		      !memcmp(c->from, c->to, route_transport(c->to)) ? ": next hop " : ": transport ", f);
		utf8_fput_clean(f, c->from);
		fputs(" \xe2\x86\x92 ", f);
		utf8_fput_clean(f, c->to);
		fprintf(f, ": last delivery by the old route %s, first by the new %s", b, a);
		{
			const struct tl_event *ev[4];
			size_t nev = change_events(t, c, ev, 4), k;

			for (k = 0; k < nev; k++) {
				fmt(t, a, sizeof(a), ev[k]->t_us);
				fprintf(f, "%s%s %s", k ? ", " : "; in between: ", ev[k]->kind == TL_EV_IDLE_EXIT ?
					ev[k]->daemon : "postfix", timeline_event_names[ev[k]->kind]);
				fprintf(f, " at %s", a);
			}
		}
		fputc('\n', f);
	}
	print_filters(f, t);
}

/* Times show microseconds only when they have them. */
static void kv_time(struct json_writer *w, const char *key, const struct timeline *t, int64_t us)
{
	json_kv_time(w, key, us, t->offset_min, time_frac_digits(us, 6));
}

void timeline_print_json(FILE *f, const struct timeline *t)
{
	struct json_writer w;
	size_t i;
	int s;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_key(&w, "postfix_lines");
	json_uint(&w, t->postfix_lines);
	if (t->have_time) {
		kv_time(&w, "first", t, t->first_us);
		kv_time(&w, "last", t, t->last_us);
	}
	json_key(&w, "per_minute");
	json_begin_array(&w);
	for (i = 0; i < t->nminutes; i++) {
		json_begin_object(&w);
		kv_time(&w, "minute", t, t->minutes[i].minute * MINUTE_US);
		for (s = 0; s < TL_NSERIES; s++)
			if (t->minutes[i].v[s]) {
				json_key(&w, timeline_series_names[s]);
				json_uint(&w, t->minutes[i].v[s]);
			}
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "processes");
	json_begin_array(&w);
	for (i = 0; i < t->nprocs; i++) {
		const struct tl_proc *p = &t->procs[i];

		json_begin_object(&w);
		json_key(&w, "program");
		json_string(&w, p->prog);
		json_key(&w, "daemon");
		json_string(&w, p->daemon);
		json_key(&w, "pid");
		json_int(&w, p->pid);
		kv_time(&w, "first_seen", t, p->first_us);
		kv_time(&w, "last_seen", t, p->last_us);
		json_key(&w, "lines");
		json_uint(&w, p->lines);
		json_key(&w, "idle_exit_logged");
		json_bool(&w, p->idle_exit);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "events");
	json_begin_array(&w);
	for (i = 0; i < t->nevents; i++) {
		const struct tl_event *e = &t->events[i];

		json_begin_object(&w);
		kv_time(&w, "time", t, e->t_us);
		json_key(&w, "kind");
		json_string(&w, timeline_event_names[e->kind]);
		json_key(&w, "daemon");
		json_string(&w, e->daemon);
		json_key(&w, "pid");
		json_int(&w, e->pid);
		json_key(&w, "text");
		json_string(&w, e->text);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "events_not_kept");
	json_uint(&w, t->events_dropped);
	json_key(&w, "route_changes");
	json_begin_array(&w);
	for (i = 0; i < t->nchanges; i++) {
		const struct tl_change *c = &t->changes[i];

		json_begin_object(&w);
		json_key(&w, "domain");
		json_string(&w, c->domain);
		json_key(&w, "from");
		json_string(&w, c->from);
		json_key(&w, "to");
		json_string(&w, c->to);
		kv_time(&w, "at", t, c->t_us);
		kv_time(&w, "last_old_delivery", t, c->last_old_us);
		json_key(&w, "kind");
		json_string(&w, route_transport(c->from) == route_transport(c->to) &&
				!memcmp(c->from, c->to, route_transport(c->to)) ? "next hop" : "transport");
		json_key(&w, "events_between");
		json_begin_array(&w);
		{
			const struct tl_event *ev[4];
			size_t nev = change_events(t, c, ev, 4), k;

			for (k = 0; k < nev; k++) {
				json_begin_object(&w);
				json_key(&w, "kind");
				json_string(&w, timeline_event_names[ev[k]->kind]);
				kv_time(&w, "at", t, ev[k]->t_us);
				json_key(&w, "daemon");
				json_string(&w, ev[k]->daemon);
				json_end_object(&w);
			}
		}
		json_end_array(&w);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}
