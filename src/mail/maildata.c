/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* memmem */
#include "mail/maildata.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/source.h"
#include "core/stats.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "mail/summary.h"

#define MINUTE_US (60 * TIME_US_PER_SEC)

static const char *const mail_counters[] = {
	"received", "sent", "sent local", "sent remote", "deferred", "bounced", "rejected",
};
enum { MC_RECEIVED, MC_SENT, MC_SENT_LOCAL, MC_SENT_REMOTE, MC_DEFERRED, MC_BOUNCED, MC_REJECTED,
       MC_N };

static const char *const delay_parts[5] = {
	"total", "before qmgr", "in qmgr", "connection", "transmission",
};
static const char *const delay_stats[3] = { "p50", "p95", "max" };

static const char *const relay_counters[] = { "sent", "deferred", "bounced", "connect failures" };
enum { RC_SENT, RC_DEFERRED, RC_BOUNCED, RC_CONNECT, RC_N };

static int64_t floor_minute(int64_t t_us)
{
	return t_us >= 0 ? t_us / MINUTE_US : -((-t_us + MINUTE_US - 1) / MINUTE_US);
}

static size_t add_metric(struct maildata *b, const char *object, const char *instance,
			 const char *counter, const char *unit, int count)
{
	struct dataset *ds = b->ds;
	struct ds_metric m;
	char path[512];
	size_t i, k;

	if (instance)
		snprintf(path, sizeof(path), "%s/%s/%s", object, instance, counter);
	else
		snprintf(path, sizeof(path), "%s/%s", object, counter);
	memset(&m, 0, sizeof(m));
	m.object = object;
	m.instance = instance;
	m.counter = counter;
	m.path = path;
	m.unit = unit;
	i = ds_add_metric(ds, &m);
	ds_load_metric(ds, i);
	XGROW(b->is_count, i + 1, b->is_count_cap);
	b->is_count[i] = (uint8_t)count;
	if (count) {
		for (k = 0; k < ds->nsamples; k++)
			ds->metrics[i].values[k] = 0;
		ds->metrics[i].missing = 0;
	}
	return i;
}

void maildata_init(struct maildata *b, struct dataset *ds)
{
	size_t i, j;

	memset(b, 0, sizeof(*b));
	b->ds = ds;
	ds->format = "maillog";
	timeline_init(&b->tl);
	strmap_init(&b->relays, sizeof(struct maildata_relay));
	qtable_init(&b->active);
	b->m_queue = -1;
	b->m_mail = ds->nmetrics;
	for (i = 0; i < MC_N; i++)
		add_metric(b, "mail", NULL, mail_counters[i], "/min", 1);
	b->m_delay = ds->nmetrics;
	for (i = 0; i < 5; i++)
		for (j = 0; j < 3; j++)
			add_metric(b, "delay", delay_parts[i], delay_stats[j], "s", 0);
}

void maildata_release(struct maildata *b)
{
	size_t i;

	timeline_release(&b->tl);
	strmap_release(&b->relays);
	qtable_release(&b->active);
	for (i = 0; i < 5; i++)
		free(b->delays[i]);
	free(b->is_count);
	memset(b, 0, sizeof(*b));
}

static int cmp_double(const void *a, const void *c)
{
	double x = *(const double *)a, y = *(const double *)c;

	return (x > y) - (x < y);
}

/* Writes the delay quantiles of the minute in the last row and forgets its delays. */
static void close_minute(struct maildata *b)
{
	struct dataset *ds = b->ds;
	size_t row = ds->nsamples - 1, p;

	for (p = 0; p < 5; p++) {
		size_t n = b->ndelays[p], base = b->m_delay + p * 3;

		if (!n)
			continue;
		qsort(b->delays[p], n, sizeof(double), cmp_double);
		ds->metrics[base].values[row] = stats_quantile_sorted(b->delays[p], n, 0.5);
		ds->metrics[base + 1].values[row] = stats_quantile_sorted(b->delays[p], n, 0.95);
		ds->metrics[base + 2].values[row] = b->delays[p][n - 1];
		ds->metrics[base].missing--;
		ds->metrics[base + 1].missing--;
		ds->metrics[base + 2].missing--;
		b->ndelays[p] = 0;
	}
}

static void open_row(struct maildata *b, int64_t minute)
{
	struct dataset *ds = b->ds;
	size_t row = ds_append_sample(ds, minute * MINUTE_US), i;

	ds->bucket_us = MINUTE_US;

	for (i = 0; i < ds->nmetrics; i++) {
		if (b->is_count[i])
			ds->metrics[i].values[row] = 0;
		else
			ds->metrics[i].missing++;
	}
	if (b->m_queue >= 0) {
		ds->metrics[b->m_queue].values[row] = (double)qtable_count(&b->active);
		ds->metrics[b->m_queue].missing--;
	}
}

/*
 * The row of the minute of t_us, appending rows up to it. A line earlier
 * than the last row (clock stepped back, files merged out of order) counts
 * in the last row: rows never go back.
 */
static size_t row_for(struct maildata *b, int64_t t_us)
{
	struct dataset *ds = b->ds;
	int64_t m = floor_minute(t_us), cur;

	if (!ds->nsamples) {
		b->minute0 = m;
		open_row(b, m);
		return 0;
	}
	cur = b->minute0 + (int64_t)ds->nsamples - 1;
	if (m < cur) {
		b->lines_back++;
		return ds->nsamples - 1;
	}
	while (cur < m) {
		close_minute(b);
		open_row(b, ++cur);
	}
	return ds->nsamples - 1;
}

static void bump(struct maildata *b, size_t metric, size_t row)
{
	b->ds->metrics[metric].values[row] += 1;
}

static size_t relay_metrics(struct maildata *b, const char *relay, size_t len)
{
	char name[300];
	size_t n = timeline_route_name(relay, len, name, sizeof(name)), i;
	struct maildata_relay *r = strmap_find(&b->relays, name, n);
	int created;

	if (r)
		return r->metric;
	if (b->nrelays >= MAILDATA_MAX_RELAYS) {
		n = strlen("(other)");
		memcpy(name, "(other)", n + 1);
	}
	r = strmap_get(&b->relays, name, n, &created);
	if (!created)
		return r->metric;
	b->nrelays++;
	r->metric = b->ds->nmetrics;
	for (i = 0; i < RC_N; i++)
		add_metric(b, "relay", name, relay_counters[i], "/min", 1);
	return r->metric;
}

static void add_delay(struct maildata *b, int part, double v)
{
	if (!isfinite(v) || v < 0)
		return;
	XGROW(b->delays[part], b->ndelays[part] + 1, b->delays_cap[part]);
	b->delays[part][b->ndelays[part]++] = v;
}

/* "delays=a/b/c/d" between p and end, into the delay buffers. */
static void add_delay_parts(struct maildata *b, const char *p, const char *end)
{
	const char *f = memmem(p, (size_t)(end - p), ", delays=", 9);
	char num[32];
	int part;

	if (!f)
		return;
	f += 9;
	for (part = 1; part <= 4; part++) {
		const char *e = f;
		size_t n;

		while (e < end && ((*e >= '0' && *e <= '9') || *e == '.'))
			e++;
		n = (size_t)(e - f);
		if (!n || n >= sizeof(num))
			return;
		memcpy(num, f, n);
		num[n] = 0;
		add_delay(b, part, strtod(num, NULL));
		if (part < 4) {
			if (e >= end || *e != '/')
				return;
			f = e + 1;
		}
	}
}

static int has_prefix(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	return len >= n && !memcmp(s, lit, n);
}

/* "connect to HOST[ADDR]:PORT: reason": the failure of HOST, counted on its relay. */
static void connect_failure(struct maildata *b, const char *s, size_t len, size_t row)
{
	const char *host = s + 11, *end = s + len, *colon;

	/* the host ends at the ": " after "]:port" (or after the host when it has no address) */
	colon = memmem(host, (size_t)(end - host), ": ", 2);
	if (!colon || colon == host)
		return;
	bump(b, relay_metrics(b, host, (size_t)(colon - host)) + RC_CONNECT, row);
}

static int is_daemon(const struct maillog_line *l, const char *name)
{
	size_t n = strlen(name);

	return l->daemon_len == n && !memcmp(l->daemon, name, n);
}

static int drop_stale(const struct qrec *r, void *ctx)
{
	return r->last_seen < *(const int64_t *)ctx;
}

static void queue_changed(struct maildata *b, size_t row)
{
	struct dataset *ds = b->ds;
	double n = (double)qtable_count(&b->active);

	if (b->m_queue < 0) {
		b->m_queue = (long)add_metric(b, "queue", NULL, "active", "messages", 0);
		ds->metrics[b->m_queue].values[row] = n;
		ds->metrics[b->m_queue].missing--;
		return;
	}
	if (n > ds->metrics[b->m_queue].values[row])
		ds->metrics[b->m_queue].values[row] = n;
}

static void leave_active(struct maildata *b, const struct maillog_line *l, size_t row)
{
	struct qrec *r;

	if (!qtable_count(&b->active) || !(r = qtable_find(&b->active, l->qid, l->qid_len)))
		return;
	qtable_remove(&b->active, r);
	queue_changed(b, row);
}

void maildata_add(struct maildata *b, const struct maillog_line *l)
{
	const char *tx = l->text;
	size_t tl = l->text_len, row;
	struct mail_delivery d;

	if (!l->is_postfix)
		return;
	timeline_add(&b->tl, l);
	row = row_for(b, l->t_us);
	if (!b->host[0] && l->host_len && l->host_len < sizeof(b->host)) {
		memcpy(b->host, l->host, l->host_len);
		b->host[l->host_len] = 0;
	}
	if (!l->qid) {
		if (has_prefix(tx, tl, "connect to ") && (is_daemon(l, "smtp") || is_daemon(l, "lmtp")))
			connect_failure(b, tx, tl, row);
		return;
	}
	if (l->qid_len > QTABLE_ID_MAX)
		return;
	if (is_daemon(l, "qmgr")) {
		if (tl > 14 && !memcmp(tx + tl - 14, "(queue active)", 14)) {
			/* nothing else ends like that; messages whose "removed" never comes go after a day */
			if (qtable_count(&b->active) >= 100000) {
				int64_t old = l->t_us - 86400 * TIME_US_PER_SEC;

				qtable_sweep(&b->active, drop_stale, &old);
			}
			qtable_get(&b->active, l->qid, l->qid_len)->last_seen = l->t_us;
			queue_changed(b, row);
		} else if (tl == 7 && !memcmp(tx, "removed", 7)) {
			leave_active(b, l, row);
		}
		return;
	}
	if (tl > 4 && memmem(tx, tl, "to=<", 4) && mail_parse_delivery(tx, tl, &d)) {
		size_t rm = relay_metrics(b, d.relay, d.relay_len);

		if (d.status_len == 4 && !memcmp(d.status, "sent", 4)) {
			bump(b, rm + RC_SENT, row);
		} else if (d.status_len == 8 && !memcmp(d.status, "deferred", 8)) {
			bump(b, rm + RC_DEFERRED, row);
			if (d.rest_len > 13 && !memcmp(d.rest, " (connect to ", 13))
				connect_failure(b, d.rest + 2, d.rest_len - 2, row);
			leave_active(b, l, row);
		} else if (d.status_len == 7 && !memcmp(d.status, "bounced", 7)) {
			bump(b, rm + RC_BOUNCED, row);
		} else {
			return;
		}
		add_delay(b, 0, d.delay);
		add_delay_parts(b, d.relay, d.status);
	}
}

/* Row of t_us, or -1 when it lies outside the rows. */
static long row_of(const struct maildata *b, int64_t t_us)
{
	int64_t r = floor_minute(t_us) - b->minute0;

	return r < 0 || r >= (int64_t)b->ds->nsamples ? -1 : (long)r;
}

static void add_counts(struct maildata *b)
{
	struct dataset *ds = b->ds;
	size_t i;

	for (i = 0; i < b->tl.nminutes; i++) {
		const struct tl_minute *m = &b->tl.minutes[i];
		int64_t r = m->minute - b->minute0;
		double *v[MC_N];
		size_t k;

		/* rows never go back: a minute before the first is the first's */
		if (r < 0)
			r = 0;
		if (r >= (int64_t)ds->nsamples)
			r = (int64_t)ds->nsamples - 1;
		for (k = 0; k < MC_N; k++)
			v[k] = &ds->metrics[b->m_mail + k].values[r];
		*v[MC_RECEIVED] += m->v[TL_RECEIVED];
		*v[MC_SENT] += m->v[TL_SENT_LOCAL] + m->v[TL_SENT_REMOTE];
		*v[MC_SENT_LOCAL] += m->v[TL_SENT_LOCAL];
		*v[MC_SENT_REMOTE] += m->v[TL_SENT_REMOTE];
		*v[MC_DEFERRED] += m->v[TL_DEFERRED];
		*v[MC_BOUNCED] += m->v[TL_BOUNCED];
		*v[MC_REJECTED] += m->v[TL_REJECTED];
	}
}

static void add_processes(struct maildata *b)
{
	struct strmap daemons;
	size_t i, last = b->ds->nsamples - 1;

	strmap_init(&daemons, sizeof(size_t) * 2);
	for (i = 0; i < b->tl.nprocs; i++) {
		const struct tl_proc *p = &b->tl.procs[i];
		long first = row_of(b, p->first_us), end = row_of(b, p->last_us);
		size_t *m;
		int created;

		/* master's lifetime is the events' story; smaller daemons come and go */
		if (!p->daemon || !strcmp(p->daemon, "master"))
			continue;
		m = strmap_get(&daemons, p->daemon, strlen(p->daemon), &created);
		if (created) {
			m[0] = add_metric(b, "process", p->daemon, "started", "/min", 1);
			m[1] = add_metric(b, "process", p->daemon, "exited", "/min", 1);
		}
		if (first > 0)
			bump(b, m[0], (size_t)first);
		if (end >= 0 && (size_t)end < last)
			bump(b, m[1], (size_t)end);
	}
	strmap_release(&daemons);
}

static void add_events(struct maildata *b)
{
	struct dataset *ds = b->ds;
	char text[600];
	size_t i;

	for (i = 0; i < b->tl.nevents; i++) {
		const struct tl_event *e = &b->tl.events[i];
		const char *kind;

		switch (e->kind) {
		case TL_EV_START: kind = "start"; break;
		case TL_EV_RELOAD: kind = "reload"; break;
		case TL_EV_STOP: kind = "stop"; break;
		case TL_EV_FATAL: kind = "fatal"; break;
		case TL_EV_PANIC: kind = "panic"; break;
		default: continue;	/* warnings and idle exits: too many to mark */
		}
		snprintf(text, sizeof(text), "%s: %s", e->daemon ? e->daemon : "postfix", e->text);
		ds_add_event(ds, e->t_us, kind, text);
	}
	for (i = 0; i < b->tl.nchanges; i++) {
		const struct tl_change *c = &b->tl.changes[i];

		snprintf(text, sizeof(text), "%s: %s \xe2\x86\x92 %s", c->domain, c->from, c->to);
		ds_add_event(ds, c->t_us, "route", text);
	}
}

void maildata_finish(struct maildata *b)
{
	struct dataset *ds = b->ds;

	timeline_finish(&b->tl);
	if (!ds->nsamples)
		return;
	close_minute(b);
	if (b->host[0]) {
		const char *h = arena_strdup(&ds->arena, b->host);
		size_t i;

		/* the syslog host field: who the findings are about */
		for (i = 0; i < ds->nmetrics; i++)
			ds->metrics[i].host = h;
	}
	add_counts(b);
	add_processes(b);
	add_events(b);
	/* RFC 3339 stamps carry the zone; traditional ones are wall-clock times of no known zone */
	ds->tz_known = !b->tl.traditional;
	ds->tz_offset_min = ds->tz_known ? b->tl.offset_min : 0;
	if (b->lines_back)
		ds_warn(ds, "%s: %llu lines earlier than a minute already passed were counted in that later minute",
			ds->source ? ds->source : "mail log", (unsigned long long)b->lines_back);
}

int maildata_sniff(const char *head, size_t len)
{
	struct maillog_clock c;
	struct maillog_line l;
	const char *p = head, *end = head + len;
	char line[1024];
	int records = 0, postfix = 0, lines = 0;

	maillog_clock_init(&c, 2000, 0);
	while (p < end && lines < 64) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (!nl)
			break;	/* a cut line says nothing */
		n = (size_t)(nl - p);
		if (n && p[n - 1] == '\r')
			n--;
		lines++;
		if (n && n < sizeof(line)) {
			memcpy(line, p, n);
			line[n] = 0;
			if (maillog_parse(&c, line, n, &l)) {
				records++;
				postfix += l.is_postfix;
			}
		}
		p = nl + 1;
	}
	/* most lines are syslog records and one is Postfix's */
	return postfix > 0 && records * 2 > lines;
}

static void load_line(void *ctx, const struct maillog_line *l)
{
	maildata_add(ctx, l);
}

/* Reads every line of `in` into ds. */
static int load_input(struct dataset *ds, struct maillog_input *in, struct kerr *err)
{
	struct maildata b;
	int r;

	ds->source = arena_strdup(&ds->arena, maillog_file_name(in, 0));
	maildata_init(&b, ds);
	r = maillog_each(in, load_line, &b, err);
	if (r == 0 && !b.tl.postfix_lines) {
		kerr_set(err, "%s: no Postfix lines (expected syslog records of postfix/...)", ds->source);
		r = -1;
	}
	if (r == 0) {
		const struct maillog_counts *c = maillog_counts(in);

		maildata_finish(&b);
		if (c->long_lines)
			ds_warn(ds, "%s:%lu: %llu lines longer than %d bytes skipped",
				maillog_file_name(in, c->long_file), c->long_line,
				(unsigned long long)c->long_lines, MAILLOG_MAX_LINE);
	}
	maildata_release(&b);
	return r;
}

int maildata_load(struct dataset *ds, char *const *paths, size_t npaths, int year,
		  struct progress *progress, struct kerr *err)
{
	struct maillog_options mo = { year, progress };
	struct maillog_input *in;
	int r;

	if (maillog_open(&in, paths, npaths, &mo, err))
		return -1;
	r = load_input(ds, in, err);
	maillog_close(in);
	return r;
}

int maildata_load_source(struct dataset *ds, struct source *src, const char *path, int year,
			 struct progress *progress, struct kerr *err)
{
	struct maillog_options mo = { year, progress };
	struct maillog_input *in;
	int r;

	if (maillog_open_source(&in, src, path, &mo, err))
		return -1;
	r = load_input(ds, in, err);
	maillog_close(in);
	return r;
}
