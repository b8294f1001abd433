/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE	/* memmem */
#include "dns/results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonread.h"
#include "core/source.h"
#include "core/stats.h"
#include "core/strmap.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

enum { Q_ANSWERED, Q_LOST, Q_OTHER };	/* cancelled, pending, unsent: not counted */
enum { RC_NOERROR, RC_NXDOMAIN, RC_SERVFAIL, RC_REFUSED, RC_OTHER };

struct qsample {
	int64_t t_us;
	double rtt_ms;
	uint32_t server;
	uint8_t status, rcode;
};

/* The metrics of one server, in this order from its first index. */
static const char *const counters[] = {
	"queries", "lost", "loss", "answer p50", "answer p95", "answer max",
	"NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED", "other rcodes",
	"SERVFAIL share", "REFUSED share",
};
enum { M_QUERIES, M_LOST, M_LOSS, M_P50, M_P95, M_MAX, M_RCODE, M_SERVFAIL_SHARE = M_RCODE + 5,
       M_REFUSED_SHARE, M_N };

struct parse {
	struct jsonread jr;
	struct qsample *s;
	size_t n, cap;
	struct strmap servers;		/* label -> uint32_t index + 1 */
	const char **labels;		/* by index, in the map's arena */
	size_t nservers, labels_cap;
	int64_t start_us;
	int have_start;
};

static int syntax(struct parse *p, const char *name, struct kerr *err)
{
	return kerr_set(err, "%s:%zu:%zu: %s", name, p->jr.err_line, p->jr.err_col, p->jr.err);
}

/* A value of the wrong kind; a reader's error (a file cut short) says more. */
static int bad_at(struct parse *p, const char *name, struct kerr *err, const char *what)
{
	size_t line, col;

	if (p->jr.err[0])
		return syntax(p, name, err);
	jsonread_where(&p->jr, &line, &col);
	return kerr_set(err, "%s:%zu:%zu: %s", name, line, col, what);
}

static int is(const struct jsonread *r, const char *s)
{
	size_t n = strlen(s);

	return r->tok_len == n && !memcmp(r->tok_str, s, n);
}

static uint32_t server_index(struct parse *p, const char *label, size_t len)
{
	int created;
	uint32_t *v = strmap_get(&p->servers, label, len, &created);

	if (created) {
		XGROW(p->labels, p->nservers + 1, p->labels_cap);
		p->labels[p->nservers] = strmap_intern(&p->servers, label, len);
		*v = (uint32_t)++p->nservers;
	}
	return *v - 1;
}

static uint8_t rcode_class(const struct jsonread *r)
{
	if (is(r, "NOERROR"))
		return RC_NOERROR;
	if (is(r, "NXDOMAIN"))
		return RC_NXDOMAIN;
	if (is(r, "SERVFAIL"))
		return RC_SERVFAIL;
	if (is(r, "REFUSED"))
		return RC_REFUSED;
	return RC_OTHER;
}

/* One element of "samples", its '{' read. */
static int read_sample(struct parse *p, const char *name, struct kerr *err)
{
	struct jsonread *r = &p->jr;
	struct qsample q = { 0, NAN, 0, Q_OTHER, RC_OTHER };
	int have_time = 0, have_server = 0, have_status = 0, warmup = 0;
	enum jr_tok t;
	char tmp[64];

	for (;;) {
		t = jsonread_next(r);
		if (t == JR_END_OBJECT)
			break;
		if (t != JR_KEY)
			return syntax(p, name, err);
		if (is(r, "time")) {
			if (jsonread_next(r) != JR_STRING)
				return bad_at(p, name, err, "\"time\" of a sample must be a string");
			if (r->tok_len >= sizeof(tmp) || memchr(r->tok_str, 0, r->tok_len))
				return bad_at(p, name, err, "\"time\" of a sample is not an ISO 8601 time");
			memcpy(tmp, r->tok_str, r->tok_len);
			tmp[r->tok_len] = 0;
			if (time_parse_iso(tmp, 0, &q.t_us))
				return bad_at(p, name, err, "\"time\" of a sample is not an ISO 8601 time");
			have_time = 1;
		} else if (is(r, "server")) {
			if (jsonread_next(r) != JR_STRING || !r->tok_len || memchr(r->tok_str, 0, r->tok_len))
				return bad_at(p, name, err, "\"server\" of a sample must be a non-empty string "
					      "without NUL");
			q.server = server_index(p, r->tok_str, r->tok_len);
			have_server = 1;
		} else if (is(r, "status")) {
			if (jsonread_next(r) != JR_STRING)
				return bad_at(p, name, err, "\"status\" of a sample must be a string");
			q.status = is(r, "answered") ? Q_ANSWERED
				   : is(r, "timeout") || is(r, "error") ? Q_LOST : Q_OTHER;
			have_status = 1;
		} else if (is(r, "rcode")) {
			t = jsonread_next(r);
			if (t == JR_STRING)
				q.rcode = rcode_class(r);
			else if (t != JR_NULL)
				return bad_at(p, name, err, "\"rcode\" of a sample must be a string or null");
		} else if (is(r, "rtt_ms")) {
			t = jsonread_next(r);
			if (t == JR_NUMBER && isfinite(r->num) && r->num >= 0)
				q.rtt_ms = r->num;
			else if (t != JR_NULL)
				return bad_at(p, name, err, "\"rtt_ms\" of a sample must be a number >= 0 or null");
		} else if (is(r, "warmup")) {
			t = jsonread_next(r);
			if (t != JR_TRUE && t != JR_FALSE)
				return bad_at(p, name, err, "\"warmup\" of a sample must be true or false");
			warmup = t == JR_TRUE;
		} else if (jsonread_skip(r, jsonread_next(r))) {
			return syntax(p, name, err);
		}
	}
	if (!have_time || !have_server || !have_status)
		return bad_at(p, name, err, "a sample needs \"time\", \"server\" and \"status\"");
	if (q.status == Q_ANSWERED && isnan(q.rtt_ms))
		return bad_at(p, name, err, "an answered sample needs \"rtt_ms\"");
	if (warmup || q.status == Q_OTHER)
		return 0;
	XGROW(p->s, p->n + 1, p->cap);
	p->s[p->n++] = q;
	return 0;
}

static int read_document(struct parse *p, const char *name, struct kerr *err)
{
	struct jsonread *r = &p->jr;
	int have_command = 0;
	enum jr_tok t;

	if (jsonread_next(r) != JR_BEGIN_OBJECT)
		return r->err[0] ? syntax(p, name, err)
				 : bad_at(p, name, err, "expected a JSON object (kansoku dns bench --json output)");
	for (;;) {
		t = jsonread_next(r);
		if (t == JR_END_OBJECT)
			break;
		if (t != JR_KEY)
			return syntax(p, name, err);
		if (is(r, "command")) {
			if (jsonread_next(r) != JR_STRING || !is(r, "dns bench"))
				return bad_at(p, name, err, "\"command\" is not \"dns bench\": not DNS benchmark results");
			have_command = 1;
		} else if (is(r, "samples")) {
			if (jsonread_next(r) != JR_BEGIN_ARRAY)
				return bad_at(p, name, err, "\"samples\" must be an array");
			for (;;) {
				t = jsonread_next(r);
				if (t == JR_END_ARRAY)
					break;
				if (t != JR_BEGIN_OBJECT)
					return t == JR_ERROR ? syntax(p, name, err)
							     : bad_at(p, name, err, "a sample must be an object");
				if (read_sample(p, name, err))
					return -1;
			}
		} else if (jsonread_skip(r, jsonread_next(r))) {
			return syntax(p, name, err);
		}
	}
	if (jsonread_next(r) != JR_END)
		return syntax(p, name, err);
	if (!have_command)
		return kerr_set(err, "%s: no \"command\": \"dns bench\": not DNS benchmark results", name);
	return 0;
}

static int cmp_rtt(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * The narrowest bucket (1 s, 2 s, 5 s... a minute) in which at least 90 %
 * of the buckets hold a query: a run paced slower than a second (-i 3s)
 * gets buckets of its pace, not mostly empty ones that cut every line.
 * A minute at least for runs over an hour.
 */
static int64_t bucket_width(const struct parse *p, int64_t t0, int64_t t1)
{
	static const int widths_s[] = { 1, 2, 5, 10, 15, 30, 60 };
	size_t k, i;

	if (t1 - t0 > 3600 * TIME_US_PER_SEC)
		return DNSRES_LONG_BUCKET_S * TIME_US_PER_SEC;
	for (k = 0; k < sizeof(widths_s) / sizeof(widths_s[0]) - 1; k++) {
		int64_t w = widths_s[k] * TIME_US_PER_SEC, base = t0 - (((t0 % w) + w) % w);
		size_t nrows = (size_t)((t1 - base) / w) + 1, used = 0;
		unsigned char *seen = xcalloc(nrows, 1);

		for (i = 0; i < p->n; i++) {
			size_t row = (size_t)((p->s[i].t_us - base) / w);

			used += !seen[row];
			seen[row] = 1;
		}
		free(seen);
		if (used * 10 >= nrows * 9)
			return w;
	}
	return DNSRES_LONG_BUCKET_S * TIME_US_PER_SEC;
}

static void build(struct dataset *ds, struct parse *p)
{
	int64_t t0 = INT64_MAX, t1 = INT64_MIN, first, width;
	size_t nrows, i, k, row;
	size_t *base = xcalloc(p->nservers ? p->nservers : 1, sizeof(*base));
	size_t *cell, *fill;
	double *rtts;

	ds->format = "dns-results";
	ds->tz_known = 1;
	ds->tz_offset_min = 0;
	for (i = 0; i < p->nservers; i++) {
		struct ds_metric m;
		char path[600];

		base[i] = ds->nmetrics;
		for (k = 0; k < M_N; k++) {
			memset(&m, 0, sizeof(m));
			snprintf(path, sizeof(path), "dns/%s/%s", p->labels[i], counters[k]);
			m.object = "dns";
			m.instance = p->labels[i];
			m.counter = counters[k];
			m.path = path;
			m.unit = k == M_LOSS || k >= M_SERVFAIL_SHARE ? "%" : k >= M_P50 && k <= M_MAX ? "ms" : NULL;
			ds_load_metric(ds, ds_add_metric(ds, &m));
		}
	}
	if (!p->n) {
		free(base);
		return;
	}
	for (i = 0; i < p->n; i++) {
		if (p->s[i].t_us < t0)
			t0 = p->s[i].t_us;
		if (p->s[i].t_us > t1)
			t1 = p->s[i].t_us;
	}
	first = t0;
	width = bucket_width(p, t0, t1);
	/* buckets start on a whole second (minute) of the clock */
	t0 -= ((t0 % width) + width) % width;
	nrows = (size_t)((t1 - t0) / width) + 1;
	{
		int64_t *times = xreallocarray(NULL, nrows, sizeof(*times));

		for (row = 0; row < nrows; row++)
			times[row] = t0 + (int64_t)row * width;
		ds_append_samples(ds, times, nrows, 1);
		free(times);
	}
	for (i = 0; i < p->nservers; i++)
		for (k = 0; k < M_N; k++)
			if (k != M_P50 && k != M_P95 && k != M_MAX && k != M_LOSS && k < M_SERVFAIL_SHARE)
				for (row = 0; row < nrows; row++)
					ds->metrics[base[i] + k].values[row] = 0;
	/* answers grouped by (server, row) for the quantiles: a counting sort */
	cell = xcalloc(p->nservers * nrows + 1, sizeof(*cell));
	for (i = 0; i < p->n; i++) {
		const struct qsample *q = &p->s[i];

		row = (size_t)((q->t_us - t0) / width);
		ds->metrics[base[q->server] + M_QUERIES].values[row] += 1;
		if (q->status == Q_LOST) {
			ds->metrics[base[q->server] + M_LOST].values[row] += 1;
		} else {
			ds->metrics[base[q->server] + M_RCODE + q->rcode].values[row] += 1;
			cell[q->server * nrows + row + 1]++;
		}
	}
	for (i = 1; i <= p->nservers * nrows; i++)
		cell[i] += cell[i - 1];
	rtts = xreallocarray(NULL, cell[p->nservers * nrows] + 1, sizeof(*rtts));
	fill = xreallocarray(NULL, p->nservers * nrows + 1, sizeof(*fill));
	memcpy(fill, cell, (p->nservers * nrows + 1) * sizeof(*fill));
	for (i = 0; i < p->n; i++) {
		const struct qsample *q = &p->s[i];

		if (q->status == Q_ANSWERED)
			rtts[fill[q->server * nrows + (size_t)((q->t_us - t0) / width)]++] = q->rtt_ms;
	}
	for (i = 0; i < p->nservers; i++) {
		struct ds_metric *m = &ds->metrics[base[i]];

		for (row = 0; row < nrows; row++) {
			size_t c = i * nrows + row, n = cell[c + 1] - cell[c];
			double sent = m[M_QUERIES].values[row], lost = m[M_LOST].values[row];
			double *v = rtts + cell[c];

			if (sent > 0)
				m[M_LOSS].values[row] = 100.0 * lost / sent;
			if (!n)
				continue;
			qsort(v, n, sizeof(*v), cmp_rtt);
			m[M_P50].values[row] = stats_quantile_sorted(v, n, 0.5);
			m[M_P95].values[row] = stats_quantile_sorted(v, n, 0.95);
			m[M_MAX].values[row] = v[n - 1];
			m[M_SERVFAIL_SHARE].values[row] = 100.0 * m[M_RCODE + RC_SERVFAIL].values[row] / (double)n;
			m[M_REFUSED_SHARE].values[row] = 100.0 * m[M_RCODE + RC_REFUSED].values[row] / (double)n;
		}
	}
	for (i = 0; i < ds->nmetrics; i++) {
		struct ds_metric *m = &ds->metrics[i];

		m->missing = 0;
		for (row = 0; row < nrows; row++)
			m->missing += isnan(m->values[row]);
	}
	{
		char text[200];

		snprintf(text, sizeof(text), "dns bench: %zu servers, %zu queries measured", p->nservers, p->n);
		ds_add_event(ds, first, "start", text);
		ds_add_event(ds, t1, "stop", "dns bench: last query sent");
	}
	free(rtts);
	free(fill);
	free(cell);
	free(base);
}

int dnsresults_parse(struct dataset *ds, const char *text, size_t len, const char *name,
		     struct kerr *err)
{
	struct parse p;
	int rc;

	memset(&p, 0, sizeof(p));
	ds->source = arena_strdup(&ds->arena, name);
	jsonread_init(&p.jr, text, len);
	strmap_init(&p.servers, sizeof(uint32_t));
	rc = read_document(&p, ds->source, err);
	if (rc == 0 && p.n) {
		int64_t lo = INT64_MAX, hi = INT64_MIN;
		size_t i;

		for (i = 0; i < p.n; i++) {
			lo = p.s[i].t_us < lo ? p.s[i].t_us : lo;
			hi = p.s[i].t_us > hi ? p.s[i].t_us : hi;
		}
		/* a run of weeks fits; times years apart are a damaged or forged file */
		if ((hi - lo) / (DNSRES_LONG_BUCKET_S * TIME_US_PER_SEC) >= DNSRES_MAX_ROWS)
			rc = kerr_set(err, "%s: the samples span more than %d minutes: not one benchmark run",
				      ds->source, DNSRES_MAX_ROWS);
	}
	if (rc == 0)
		build(ds, &p);
	jsonread_release(&p.jr);
	strmap_release(&p.servers);
	free(p.labels);
	free(p.s);
	return rc;
}

int dnsresults_sniff(const char *head, size_t len)
{
	const char *p = head, *end = head + len, *c;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '{')
		return 0;
	c = memmem(p, (size_t)(end - p), "\"command\"", 9);
	if (!c || c - p > 256)
		return 0;
	c += 9;
	while (c < end && (*c == ' ' || *c == ':' || *c == '\t' || *c == '\n' || *c == '\r'))
		c++;
	return end - c >= 11 && !memcmp(c, "\"dns bench\"", 11);
}

int dnsresults_load_source(struct dataset *ds, struct source *src, struct kerr *err)
{
	struct buf text;
	char chunk[65536];
	ssize_t r;
	int rc;

	buf_init(&text, 0);
	while ((r = source_read(src, chunk, sizeof(chunk), err)) > 0)
		buf_add(&text, chunk, (size_t)r);
	if (r < 0) {
		buf_release(&text);
		return -1;
	}
	rc = dnsresults_parse(ds, text.data ? text.data : "", text.len, source_name(src), err);
	buf_release(&text);
	return rc;
}

int dnsresults_load(struct dataset *ds, const char *path, struct kerr *err)
{
	struct source *src;
	int rc;

	if (source_open(&src, path, NULL, err))
		return -1;
	rc = dnsresults_load_source(ds, src, err);
	source_close(src);
	return rc;
}
