/* SPDX-License-Identifier: MIT */
/* A capture as numbers over time: see capds.h. */
#include "flow/capds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hashtab.h"
#include "core/strmap.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "flow/conv.h"
#include "flow/exchange.h"
#include "flow/feed.h"
#include "flow/tcpanal.h"
#include "input/input.h"
#include "net/ipfrag.h"
#include "net/tcp.h"
#include "perf/select.h"

const char *const capds_suffixes[] = { ".pcap", ".pcapng", ".cap", NULL };

/* More rows than this is a damaged time stamp, not a capture (115 days of seconds). */
#define CAPDS_MAX_ROWS 10000000u
/* Fewer data segments in an interval make no retransmission share (1 of 3 is noise). */
#define CAPDS_MIN_SHARE_SEGMENTS 10
/* A longer run of empty intervals is a gap between captures, not traffic stopping. */
#define CAPDS_MAX_GAP 3600

int capds_sniff(const uint8_t *h, size_t len)
{
	static const uint8_t magics[][4] = {
		{ 0xa1, 0xb2, 0xc3, 0xd4 }, { 0xd4, 0xc3, 0xb2, 0xa1 },	/* pcap, microseconds */
		{ 0xa1, 0xb2, 0x3c, 0x4d }, { 0x4d, 0x3c, 0xb2, 0xa1 },	/* pcap, nanoseconds */
		{ 0x0a, 0x0d, 0x0d, 0x0a },				/* pcapng section header */
	};
	size_t i;

	if (len < 4)
		return 0;
	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (!memcmp(h, magics[i], 4))
			return 1;
	return 0;
}

/* ---- the metrics ---- */

/* COUNT and MAX0 are 0 (not missing) in an interval without events. */
enum cap_kind { K_COUNT, K_MAX0, K_GAUGE_MEAN, K_GAUGE_MAX, K_GAUGE_LAST };
#define ZERO_FILLED(k) ((k) == K_COUNT || (k) == K_MAX0)

struct cap_counter {
	const char *name;
	const char *unit;
	enum cap_kind kind;
};

/*
 * Counters of one TCP conversation (object "tcp"); UDP conversations have
 * the first C_NUDP. The whole capture (object "total") has the same TCP
 * counters summed over every conversation, plus T_* below.
 */
enum {
	C_PKTS_CS, C_PKTS_SC, C_BYTES_CS, C_BYTES_SC, C_RWIN_C, C_RWIN_S,
	C_DATA, C_RETRANS, C_RETRANS_PCT, C_FAST, C_SPURIOUS, C_OOO, C_LOST, C_DUPACK,
	C_ZWIN, C_WFULL, C_ACK_UNSEEN, C_KEEPALIVE,
	C_RTT_MEAN, C_RTT_MAX, C_RTT_N, C_RTO, C_ZW_STALL,
	C_SYN_UNANS, C_REFUSED, C_RESETS,
	C_NCONV
};
#define C_NUDP 4
static const struct cap_counter conv_counters[C_NCONV] = {
	[C_PKTS_CS] = { "packets to server", "packets", K_COUNT },
	[C_PKTS_SC] = { "packets to client", "packets", K_COUNT },
	[C_BYTES_CS] = { "bytes to server", "bytes", K_COUNT },
	[C_BYTES_SC] = { "bytes to client", "bytes", K_COUNT },
	[C_DATA] = { "data segments", "segments", K_COUNT },
	[C_RETRANS] = { "retransmissions", "segments", K_COUNT },
	[C_RETRANS_PCT] = { "retransmission share", "%", K_GAUGE_LAST },
	[C_FAST] = { "fast retransmissions", "segments", K_COUNT },
	[C_SPURIOUS] = { "spurious retransmissions", "segments", K_COUNT },
	[C_OOO] = { "out of order", "segments", K_COUNT },
	[C_LOST] = { "lost segments", "segments", K_COUNT },
	[C_DUPACK] = { "duplicate acks", "segments", K_COUNT },
	[C_ZWIN] = { "zero window", "segments", K_COUNT },
	[C_WFULL] = { "window full", "segments", K_COUNT },
	[C_ACK_UNSEEN] = { "acked unseen", "segments", K_COUNT },
	[C_KEEPALIVE] = { "keep-alives", "segments", K_COUNT },
	[C_RTT_MEAN] = { "rtt mean", "ms", K_GAUGE_MEAN },
	[C_RTT_MAX] = { "rtt max", "ms", K_GAUGE_MAX },
	[C_RTT_N] = { "rtt samples", "samples", K_COUNT },
	[C_RTO] = { "retransmission timeout", "ms", K_MAX0 },
	[C_ZW_STALL] = { "zero window stall", "ms", K_MAX0 },
	[C_RWIN_C] = { "client receive window", "bytes", K_GAUGE_LAST },
	[C_RWIN_S] = { "server receive window", "bytes", K_GAUGE_LAST },
	[C_SYN_UNANS] = { "syn unanswered", "connections", K_COUNT },
	[C_REFUSED] = { "refused", "connections", K_COUNT },
	[C_RESETS] = { "resets", "connections", K_COUNT },
};

/* Counters of the capture alone; then the TCP counters from C_DATA on, summed. */
enum { T_PACKETS, T_BYTES, T_BITS, T_CONNECTIONS, T_NOWN };
#define T_NTOTAL (T_NOWN + C_NCONV - C_DATA)
static const struct cap_counter total_own[T_NOWN] = {
	[T_PACKETS] = { "packets", "packets", K_COUNT },
	[T_BYTES] = { "bytes", "bytes", K_COUNT },
	[T_BITS] = { "bits per second", "bit/s", K_COUNT },
	[T_CONNECTIONS] = { "connections", "connections", K_COUNT },
};
/* The total's counter for conversation counter k (>= C_DATA). */
#define T_OF(k) (T_NOWN + (k) - C_DATA)

static const struct cap_counter *total_counter(size_t k)
{
	return k < T_NOWN ? &total_own[k] : &conv_counters[k - T_NOWN + C_DATA];
}

/*
 * One row of a conversation's (or the total's) counters while it is the
 * current one: packets update these few contiguous values, and the row is
 * written to the dataset once, when time moves on or the conversation ends
 * (a packet touching ten metric arrays scattered in memory cost more than
 * all the TCP analysis).
 */
#define ROW_MAX (T_NOWN + C_NCONV)
_Static_assert(C_NCONV <= 32 && T_NTOTAL <= 32, "a loaded mask holds a row's counters");
struct rowbuf {
	double v[ROW_MAX];	/* counts from 0; gauges NaN until set */
	double rtt_sum;
	uint64_t rtt_n, data, retrans;
};

/* What we keep per open conversation (struct conv.user). */
struct capconv {
	size_t idx[C_NCONV];	/* its metrics in the dataset (NO_METRIC: left out) */
	/*
	 * With capds_options.closed: its series live here until it ends
	 * (sparse: own[k].span only), and enter the dataset only if the
	 * consumer keeps them; name is its instance, inst its copy in the
	 * dataset's arena once one of its metrics is added.
	 */
	struct ds_metric *own;
	char *name;
	const char *inst;
	int ncounters;
	uint32_t loaded;	/* bit k: counter k has values (most are not read by check) */
	size_t first_row, last_row;	/* rows it had packets in, so far */
	struct rowbuf buf;	/* for last_row */
	struct tcpanal ta;
	int64_t zw_since[2];	/* a zero window advertised in this direction since; 0: none */
	int64_t last_ts;
	int reset_counted;
};

struct capds {
	struct dataset *ds;
	struct capds_options o;
	struct conv_table *table;
	struct ipfrag *frag;
	struct flow_feed feed;
	/*
	 * Conversations so far per protocol and ends (for "#2"): as binary
	 * keys, one small entry per pair of ends ever seen, the only state
	 * that grows with a capture's conversations (struct pair_uses).
	 */
	struct hashtab uses4, uses6;
	struct strmap samples;	/* exchange metric path -> its index (capds_sample()) */
	int64_t t0;		/* start of row 0 */
	int have_t0;
	int finished;	/* capds_finish() ran: no conversation is open */
	size_t row;		/* row of the frame being fed */
	uint32_t wirelen;	/* its length on the wire */
	int64_t interval;	/* of the last row */
	unsigned long gaps;	/* long gaps left out */
	size_t total_base;	/* the total's metrics follow each other from here */
	unsigned char unwanted_seen[2][C_NCONV];	/* [udp][counter]: one unwanted kept */
	uint32_t total_loaded;	/* bit k: total counter k has values */
	struct rowbuf total;	/* for row */
	uint64_t frames;
	struct exch_tracker *exch;	/* application exchanges, fed the same packets */
	int64_t now;		/* time of the frame being fed */
};

/* The value of metric m at row to write (a sparse metric widened to take it), or NULL when not loaded. */
static inline double *mcell(struct ds_metric *m, size_t row)
{
	if (m->values)
		return &m->values[row];
	return m->span ? ds_span_cell(m, row) : NULL;
}

static inline double *cell(struct dataset *ds, size_t i, size_t row)
{
	return mcell(&ds->metrics[i], row);
}

static void add(struct dataset *ds, size_t i, size_t row, double v)
{
	double *p = cell(ds, i, row);

	if (p)
		*p = isnan(*p) ? v : *p + v;
}

static void set_max(struct dataset *ds, size_t i, size_t row, double v)
{
	double *p = cell(ds, i, row);

	if (p && (isnan(*p) || v > *p))
		*p = v;
}

static void rowbuf_reset(struct rowbuf *rb, const struct cap_counter *(*counter)(size_t), size_t n)
{
	size_t k;

	memset(rb, 0, sizeof(*rb));
	for (k = 0; k < n; k++)
		rb->v[k] = counter(k)->kind == K_COUNT ? 0 : NAN;
}

static void rb_max(struct rowbuf *rb, size_t k, double v)
{
	if (isnan(rb->v[k]) || v > rb->v[k])
		rb->v[k] = v;
}

/*
 * Writes a row buffer's value v of a counter of `kind` into `row` of loaded
 * metric m, added to what is there: events of ended conversations.
 */
static void flush_value(struct ds_metric *m, enum cap_kind kind, double v, size_t row)
{
	double *p;

	switch (kind) {
	case K_COUNT:
		p = mcell(m, row);
		if (v != 0 || isnan(*p))
			*p = isnan(*p) ? v : *p + v;
		break;
	case K_MAX0:
	case K_GAUGE_MAX:
		if (!isnan(v)) {
			p = mcell(m, row);
			if (isnan(*p) || v > *p)
				*p = v;
		}
		break;
	default:
		if (!isnan(v))
			*mcell(m, row) = v;
	}
}

static const struct cap_counter *conv_counter(size_t k)
{
	return &conv_counters[k];
}

/* Means and shares of the row, from its sums. */
static void rowbuf_finish(struct rowbuf *rb, int total)
{
	size_t pct = total ? T_OF(C_RETRANS_PCT) : C_RETRANS_PCT;
	size_t mean = total ? T_OF(C_RTT_MEAN) : C_RTT_MEAN;

	if (rb->data >= CAPDS_MIN_SHARE_SEGMENTS)
		rb->v[pct] = 100.0 * (double)rb->retrans / (double)rb->data;
	if (rb->rtt_n)
		rb->v[mean] = rb->rtt_sum / (double)rb->rtt_n;
}

/*
 * "OBJECT/INSTANCE/COUNTER" ("OBJECT/COUNTER" without an instance) into out,
 * without printf (26 a conversation); NULL when it does not fit.
 */
static const char *metric_path(char *out, size_t size, const char *object, const char *instance,
			       const char *counter)
{
	size_t lo = strlen(object), li = instance ? strlen(instance) + 1 : 0, lc = strlen(counter);
	char *q = out;

	if (lo + li + lc + 2 > size)
		return NULL;
	memcpy(q, object, lo);
	q += lo;
	*q++ = '/';
	if (instance) {
		memcpy(q, instance, li - 1);
		q += li - 1;
		*q++ = '/';
	}
	memcpy(q, counter, lc + 1);
	return out;
}

#define NO_METRIC ((size_t)-1)

/*
 * Adds a metric and loads it when wanted. A conversation's counter nobody
 * wants is left out when the reader was told so (capds_options.unwanted_once),
 * except the first of its protocol and counter: that one says the counter
 * exists ("not selected", not "no such counter"). Returns its index, or
 * NO_METRIC.
 */
static size_t add_metric(struct capds *b, struct capconv *cc, const char *object,
			 const char *instance, const char *entity, const struct cap_counter *c,
			 int conv_counter_k)
{
	struct dataset *ds = b->ds;
	struct ds_metric m;
	char path[512];
	int want;
	size_t i;

	memset(&m, 0, sizeof(m));
	m.host = "";
	m.object = object;
	m.instance = instance;
	m.counter = c->name;
	m.unit = c->unit;
	m.entity = instance ? entity : "all traffic";	/* who a finding names */
	m.path = metric_path(path, sizeof(path), object, instance, c->name);
	if (!m.path)
		m.path = instance ? arena_printf(&ds->arena, "%s/%s/%s", object, instance, c->name)
				  : arena_printf(&ds->arena, "%s/%s", object, c->name);
	want = !b->o.want || b->o.want(&m, b->o.want_ctx);
	if (!want && conv_counter_k >= 0 && b->o.unwanted_once &&
	    b->o.unwanted_once(&m, b->o.unwanted_ctx)) {
		unsigned char *seen = &b->unwanted_seen[object[0] == 'u'][conv_counter_k];

		if (*seen)
			return NO_METRIC;
		*seen = 1;
	}
	if (m.path == path)
		m.path = arena_strdup(&ds->arena, path);	/* kept: into the dataset */
	if (cc && !cc->inst)
		cc->inst = arena_strdup(&ds->arena, instance);
	if (cc)
		m.instance = cc->inst;
	i = ds_add_metric_interned(ds, &m);
	if (!want)
		return i;
	if (conv_counter_k >= 0 && b->o.sparse)
		ds_load_metric_sparse(ds, i);
	else
		ds_load_metric(ds, i);
	return i;
}

static void total_flush(struct capds *b)
{
	size_t k;

	if (!b->ds->nsamples)
		return;
	rowbuf_finish(&b->total, 1);
	for (k = 0; k < T_NTOTAL; k++)
		if (b->total_loaded & (1u << k))
			flush_value(&b->ds->metrics[b->total_base + k], total_counter(k)->kind,
				    b->total.v[k], b->row);
	rowbuf_reset(&b->total, total_counter, T_NTOTAL);
}

/* One more row, for interval `iv`; the totals' counts are 0 in it. */
static void append_row(struct capds *b, int64_t iv)
{
	struct dataset *ds = b->ds;
	size_t r = ds_append_sample(ds, b->t0 + iv * b->o.interval_us), k;

	ds->bucket_us = b->o.interval_us;

	for (k = 0; k < T_NTOTAL; k++)
		if (ZERO_FILLED(total_counter(k)->kind) && ds->metrics[b->total_base + k].values)
			ds->metrics[b->total_base + k].values[r] = 0;
	b->interval = iv;
}

/*
 * Rows go up to interval iv. Every interval gets a row, empty ones too (0
 * packets is a value), except in a gap longer than CAPDS_MAX_GAP intervals
 * (a capture restarted hours later, or files merged): there only the
 * intervals at both ends of the gap get rows.
 */
static int ensure_interval(struct capds *b, int64_t iv, struct kerr *err)
{
	struct dataset *ds = b->ds;

	if (ds->nsamples && iv <= b->interval)
		return 0;
	if (ds->nsamples >= CAPDS_MAX_ROWS)
		return kerr_set(err, "packet %llu: more than %u intervals: use a longer --interval",
				(unsigned long long)b->frames, CAPDS_MAX_ROWS);
	total_flush(b);
	if (ds->nsamples && iv - b->interval > CAPDS_MAX_GAP) {
		char t1[48], t2[48];

		if (!b->gaps++)
			ds_warn(ds, "%s: nothing captured from %s to %s: the empty intervals in "
				"between are left out", ds->source,
				ds_time_format(t1, sizeof(t1), ds, b->t0 + (b->interval + 1) * b->o.interval_us, TIME_ISO),
				ds_time_format(t2, sizeof(t2), ds, b->t0 + iv * b->o.interval_us, TIME_ISO));
		append_row(b, b->interval + 1);
		append_row(b, iv - 1);
	}
	while (!ds->nsamples || b->interval < iv)
		append_row(b, ds->nsamples ? b->interval + 1 : iv);
	b->row = ds->nsamples - 1;
	return 0;
}

/* Counter k of conversation cc (loaded). */
static struct ds_metric *conv_metric(struct capds *b, struct capconv *cc, size_t k)
{
	/* own: the loaded ones in order, so the number of loaded counters before k */
	return cc->own ? &cc->own[__builtin_popcount(cc->loaded & ((1u << k) - 1))]
		       : &b->ds->metrics[cc->idx[k]];
}

/* Its counts are 0 (not missing) in rows [from, to]. */
static void conv_zero(struct capds *b, struct capconv *cc, size_t from, size_t to)
{
	size_t r, k;

	for (k = 0; k < (size_t)cc->ncounters; k++) {
		struct ds_metric *m;

		if (!ZERO_FILLED(conv_counters[k].kind) || !(cc->loaded & (1u << k)))
			continue;
		m = conv_metric(b, cc, k);
		if (m->span)
			ds_span_cell(m, to);	/* widened once, not row by row */
		for (r = from; r <= to; r++)
			*mcell(m, r) = 0;
	}
}

static void conv_flush(struct capds *b, struct capconv *cc)
{
	size_t k;

	rowbuf_finish(&cc->buf, 0);
	for (k = 0; k < (size_t)cc->ncounters; k++)
		if (cc->loaded & (1u << k))
			flush_value(conv_metric(b, cc, k), conv_counters[k].kind, cc->buf.v[k],
				    cc->last_row);
	rowbuf_reset(&cc->buf, conv_counter, (size_t)cc->ncounters);
}

/*
 * Conversations so far with the protocol and ends of s (client and server
 * address and port): the same ends make the same name, so this counts
 * names. IPv4 ends make a 13-byte key: 20 bytes an entry.
 */
struct pair_uses4 {
	uint32_t used;
	uint8_t key[13];
};
struct pair_uses6 {
	uint32_t used;
	uint8_t key[37];
};

static int uses4_eq(const void *e, const void *key)
{
	return !memcmp(((const struct pair_uses4 *)e)->key, key, 13);
}

static int uses6_eq(const void *e, const void *key)
{
	return !memcmp(((const struct pair_uses6 *)e)->key, key, 37);
}

static uint32_t *pair_uses(struct capds *b, const struct conv_summary *s)
{
	uint8_t key[37];
	size_t alen = s->af == 4 ? 4 : 16, len = 1 + 2 * (alen + 2);
	struct hashtab *t = alen == 4 ? &b->uses4 : &b->uses6;
	uint64_t h;
	void *e;
	int d;

	key[0] = s->proto;
	for (d = 0; d < 2; d++) {
		uint8_t *k = key + 1 + (size_t)d * (alen + 2);

		memcpy(k, s->addr[d], alen);
		k[alen] = (uint8_t)(s->port[d] >> 8);
		k[alen + 1] = (uint8_t)s->port[d];
	}
	h = hashtab_hash(t, key, len);
	e = hashtab_find(t, h, key, alen == 4 ? uses4_eq : uses6_eq);
	if (!e) {
		e = hashtab_add(t, h);
		memcpy(alen == 4 ? ((struct pair_uses4 *)e)->key : ((struct pair_uses6 *)e)->key, key,
		       len);
	}
	return alen == 4 ? &((struct pair_uses4 *)e)->used : &((struct pair_uses6 *)e)->used;
}

/* The names of counter c of a conversation into m; its path into path[512]. */
static void own_names(struct ds_metric *m, const char *object, const char *instance,
		      const struct cap_counter *c, char *path)
{
	memset(m, 0, sizeof(*m));
	m->host = "";
	m->object = object;
	m->instance = instance;
	m->counter = c->name;
	m->unit = c->unit;
	m->path = metric_path(path, 512, object, instance, c->name);
	if (!m->path)
		m->path = "";
}

/* 1 when counter c of a conversation is wanted (capds_options.closed). */
static int own_wanted(struct capds *b, const char *object, const char *instance,
		      const struct cap_counter *c)
{
	struct ds_metric m;
	char path[512];

	own_names(&m, object, instance, c, path);
	return !b->o.want || b->o.want(&m, b->o.want_ctx);
}

/*
 * An ended conversation's own series (capds_options.closed): to the
 * consumer, then into the dataset unless it let them go. The counters
 * nobody wanted are added as they would have been when it started.
 */
static void conv_close_own(struct capds *b, struct conv *c, struct capconv *cc)
{
	struct dataset *ds = b->ds;
	const char *object = c->s.proto == 6 ? "tcp" : "udp";
	struct ds_metric ms[C_NCONV];
	char paths[C_NCONV][512];
	unsigned char drop[C_NCONV];
	size_t k, n = 0;

	for (k = 0; k < (size_t)cc->ncounters; k++)
		if (cc->loaded & (1u << k)) {
			own_names(&ms[n], object, cc->name, &conv_counters[k], paths[n]);
			ms[n].span = cc->own[n].span;
			n++;
		}
	memset(drop, 0, sizeof(drop));
	if (n)
		b->o.closed(ds, ms, n, drop, b->o.closed_ctx);
	for (k = 0, n = 0; k < (size_t)cc->ncounters; k++) {
		int loaded = (cc->loaded & (1u << k)) != 0;
		size_t i;

		n += loaded;
		if (loaded && drop[n - 1])
			continue;
		i = add_metric(b, cc, object, cc->name, NULL, &conv_counters[k], (int)k);
		if (loaded && i != NO_METRIC && ds->metrics[i].span) {
			/* its series, as if written there from the start */
			free(ds->metrics[i].span);
			ds->metrics[i].span = cc->own[n - 1].span;
			ds->metrics[i].missing = cc->first_row + 1;
			cc->own[n - 1].span = NULL;
		}
	}
	for (k = 0; k < n; k++)
		free(cc->own[k].span);
	free(cc->own);
	free(cc->name);
}

static struct capconv *conv_start(struct capds *b, struct conv *c)
{
	struct capconv *cc = xcalloc(1, sizeof(*cc));
	struct dataset *ds = b->ds;
	const char *object = c->s.proto == 6 ? "tcp" : "udp";
	char a[80], z[80], name[200];
	uint32_t *used;
	size_t k;

	conv_endpoint(&c->s, 0, a, sizeof(a));
	conv_endpoint(&c->s, 1, z, sizeof(z));
	snprintf(name, sizeof(name), "%s/%s-%s", object, a, z);
	used = pair_uses(b, &c->s);
	if (++*used == 1)
		snprintf(name, sizeof(name), "%s-%s", a, z);
	else
		snprintf(name, sizeof(name), "%s-%s#%u", a, z, (unsigned)*used);
	cc->ncounters = c->s.proto == 6 ? C_NCONV : C_NUDP;
	if (b->o.closed) {
		cc->name = xstrdup(name);
		for (k = 0; k < (size_t)cc->ncounters; k++)
			if (own_wanted(b, object, cc->name, &conv_counters[k]))
				cc->loaded |= 1u << k;
		/* one metric for each loaded counter, in counter order */
		cc->own = xcalloc((size_t)__builtin_popcount(cc->loaded) + 1, sizeof(*cc->own));
		for (k = 0; k < (size_t)__builtin_popcount(cc->loaded); k++) {
			cc->own[k].span = xmalloc(sizeof(*cc->own[k].span) + 4 * sizeof(double));
			cc->own[k].span->first = cc->own[k].span->n = 0;
			cc->own[k].span->cap = 4;
		}
	} else {
		cc->inst = arena_strdup(&ds->arena, name);
		for (k = 0; k < (size_t)cc->ncounters; k++) {
			/* may move ds->metrics */
			cc->idx[k] = add_metric(b, cc, object, cc->inst, NULL, &conv_counters[k], (int)k);
			if (cc->idx[k] != NO_METRIC && ds_metric_loaded(&ds->metrics[cc->idx[k]]))
				cc->loaded |= 1u << k;
		}
	}
	cc->first_row = cc->last_row = b->row;
	conv_zero(b, cc, b->row, b->row);
	rowbuf_reset(&cc->buf, conv_counter, (size_t)cc->ncounters);
	tcpanal_init(&cc->ta);
	c->user = cc;
	return cc;
}

/* Moves cc's current row to the capture's (never back), the rows between getting their 0s. */
static void conv_row(struct capds *b, struct capconv *cc)
{
	if (b->row > cc->last_row) {
		conv_flush(b, cc);
		conv_zero(b, cc, cc->last_row + 1, b->row);
		cc->last_row = b->row;
	}
}

/* One TCP analysis result into a row of a conversation or of the total. */
static void account_tcp(struct rowbuf *rb, int total, const struct tcpanal_result *t, uint32_t len)
{
#define IDX(k) (total ? (size_t)T_OF(k) : (size_t)(k))
	static const struct { unsigned flag; int counter; } flags[] = {
		{ TA_RETRANS, C_RETRANS }, { TA_FAST_RETRANS, C_FAST },
		{ TA_SPURIOUS, C_SPURIOUS }, { TA_OOO, C_OOO }, { TA_LOST, C_LOST },
		{ TA_DUPACK, C_DUPACK }, { TA_ZERO_WIN, C_ZWIN }, { TA_WIN_FULL, C_WFULL },
		{ TA_ACK_UNSEEN, C_ACK_UNSEEN }, { TA_KEEPALIVE, C_KEEPALIVE },
	};
	size_t k;

	if (t->flags)
		for (k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
			if (t->flags & flags[k].flag)
				rb->v[IDX(flags[k].counter)]++;
	if (len > 0 && !(t->flags & (TA_KEEPALIVE | TA_ZWP))) {
		rb->data++;
		rb->v[IDX(C_DATA)]++;
		if (t->flags & TA_RETRANS)
			rb->retrans++;
	}
	if (t->ack_rtt_us >= 0) {
		double ms = (double)t->ack_rtt_us / 1000.0;

		rb->rtt_sum += ms;
		rb->rtt_n++;
		rb->v[IDX(C_RTT_N)]++;
		rb_max(rb, IDX(C_RTT_MAX), ms);
	}
	if ((t->flags & TA_RETRANS) && !(t->flags & (TA_FAST_RETRANS | TA_SPURIOUS)))
		rb_max(rb, IDX(C_RTO), (double)t->rto_us / 1000.0);
#undef IDX
}

/* A zero window that lasted from `since` to `now`, in both counters. */
static void zw_stall(struct capds *b, struct capconv *cc, int64_t since, int64_t now)
{
	double ms = (double)(now - since) / 1000.0;

	rb_max(&cc->buf, C_ZW_STALL, ms);
	if (cc->last_row == b->row)
		rb_max(&b->total, T_OF(C_ZW_STALL), ms);
	else
		set_max(b->ds, b->total_base + T_OF(C_ZW_STALL), cc->last_row, ms);
}

static void on_tcp(struct capds *b, struct conv *c, struct capconv *cc, const struct conv_pkt *r,
		   const struct net_packet *p, int64_t ts)
{
	struct tcpanal_seg seg;
	struct tcpanal_result t;
	uint8_t fl = p->tcp.flags;
	int d = r->dir;

	tcpanal_seg_of(p, &seg);
	tcpanal_packet(&cc->ta, d, &seg, ts, &t);
	account_tcp(&cc->buf, 0, &t, seg.len);
	account_tcp(&b->total, 1, &t, seg.len);
	if (!(fl & NET_TH_RST)) {
		cc->buf.v[d ? C_RWIN_S : C_RWIN_C] = (double)t.window;
		if ((t.flags & TA_ZERO_WIN) && !cc->zw_since[d])
			cc->zw_since[d] = ts;
		else if (seg.win && cc->zw_since[d]) {
			zw_stall(b, cc, cc->zw_since[d], ts);
			cc->zw_since[d] = 0;
		}
	}
	if ((fl & (NET_TH_SYN | NET_TH_ACK)) == NET_TH_SYN && c->syn_count == 1)
		b->total.v[T_CONNECTIONS]++;
	if ((fl & NET_TH_RST) && !cc->reset_counted) {
		/* the first RST: refusing a SYN, or ending a connection that carried data */
		int refused = d == 1 && c->syn_count && !c->s.handshake;

		cc->reset_counted = 1;
		cc->buf.v[refused ? C_REFUSED : C_RESETS]++;
		b->total.v[T_OF(refused ? C_REFUSED : C_RESETS)]++;
	}
}

static void on_packet(void *ctx, struct conv *c, const struct conv_pkt *r,
		      const struct net_packet *p, int64_t ts)
{
	struct capds *b = ctx;
	struct capconv *cc = c->user ? c->user : conv_start(b, c);
	int to_client = r->dir;

	conv_row(b, cc);
	cc->last_ts = ts;
	cc->buf.v[to_client ? C_PKTS_SC : C_PKTS_CS]++;
	cc->buf.v[to_client ? C_BYTES_SC : C_BYTES_CS] += b->wirelen;
	if (c->s.proto == 6)
		on_tcp(b, c, cc, r, p, ts);
	exch_packet(b->exch, c, r, p, ts);
}

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	struct capds *b = ctx;
	struct capconv *cc = c->user;
	int d;

	(void)why;
	exch_conv_end(b->exch, c);
	if (!cc)
		return;
	if (c->s.proto == 6) {
		for (d = 0; d < 2; d++)
			if (cc->zw_since[d])
				zw_stall(b, cc, cc->zw_since[d], cc->last_ts);
		if (c->syn_count && !c->synack_seen && !cc->reset_counted) {
			cc->buf.v[C_SYN_UNANS]++;
			if (cc->last_row == b->row)
				b->total.v[T_OF(C_SYN_UNANS)]++;
			else
				add(b->ds, b->total_base + T_OF(C_SYN_UNANS), cc->last_row, 1);
		}
	}
	conv_flush(b, cc);
	if (cc->own)
		conv_close_own(b, c, cc);
	tcpanal_release(&cc->ta);
	free(cc);
	c->user = NULL;
}

/* ---- application exchanges (flow/exchange.h) ---- */

/* The metric OBJECT/INSTANCE/COUNTER, added the first time it is asked for. */
static size_t exch_metric(struct capds *b, const char *object, const char *instance,
			  const char *entity, const char *counter, const char *unit)
{
	struct dataset *ds = b->ds;
	struct cap_counter c = { counter, unit, K_GAUGE_MAX };
	char path[512];
	size_t *idx;
	int created;

	snprintf(path, sizeof(path), "%s/%s/%s", object, instance, counter);
	idx = strmap_get(&b->samples, path, strlen(path), &created);
	if (created) {
		c.name = arena_strdup(&ds->arena, counter);
		c.unit = unit ? arena_strdup(&ds->arena, unit) : NULL;
		*idx = add_metric(b, NULL, arena_strdup(&ds->arena, object), arena_strdup(&ds->arena, instance),
				  entity ? arena_strdup(&ds->arena, entity) : NULL, &c, -1);
	}
	return *idx;
}

/* The row of the interval holding time ts (not after the current row): exchanges end late. */
static size_t row_at(const struct capds *b, int64_t ts)
{
	const int64_t *t = b->ds->times;
	size_t lo = 0, hi = b->row;

	if (ts >= t[b->row])
		return b->row;
	while (lo < hi) {	/* the last row starting at or before ts */
		size_t mid = lo + (hi - lo + 1) / 2;

		if (t[mid] <= ts)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/*
 * An exchange as it ends (answered, or given up): the slowest answer time
 * per server and request kind in the interval of the answer, and for DNS
 * the queries left unanswered or sent more than once in the interval of the
 * query (counts in the intervals where that server's queries were asked,
 * missing in the others). Exchanges whose bytes were not all captured carry
 * no time.
 */
static void on_exchange(void *ctx, const struct exch_record *e)
{
	static const char *const objects[EXCH_NPROTO] = { "smtp", "http", "dns" };
	struct capds *b = ctx;
	struct conv_summary s;
	char server[80], counter[64], who[160];
	const char *object = objects[e->proto];

	if (!b->ds->nsamples)
		return;
	memset(&s, 0, sizeof(s));
	s.af = e->af;
	memcpy(s.addr[0], e->addr[1], 16);
	s.port[0] = e->port[1];
	conv_endpoint(&s, 0, server, sizeof(server));
	if (e->proto == EXCH_DNS) {
		/* 0 too: a query of that interval was answered */
		size_t row = row_at(b, e->req_us);

		add(b->ds, exch_metric(b, object, server, NULL, "unanswered", "queries"), row,
		    (e->flags & EXCH_F_UNANSWERED) ? 1 : 0);
		add(b->ds, exch_metric(b, object, server, NULL, "duplicates", "queries"), row,
		    (double)e->retries);
	}
	if (e->resp_us < 0 || (e->flags & EXCH_F_INCOMPLETE))
		return;
	if (e->proto == EXCH_SMTP) {
		snprintf(counter, sizeof(counter), "%s reply time", exch_kind_name(e->kind));
		snprintf(who, sizeof(who), "%s %s", server, exch_kind_name(e->kind));
	} else {
		snprintf(counter, sizeof(counter), "response time");
	}
	set_max(b->ds, exch_metric(b, object, server, e->proto == EXCH_SMTP ? who : NULL, counter, "ms"),
		row_at(b, e->resp_us), (double)(e->resp_us - e->req_us) / 1000.0);
}

struct capds *capds_new(struct dataset *ds, const struct capds_options *o)
{
	struct capds *b = xcalloc(1, sizeof(*b));
	struct conv_table_opts to;
	struct exch_opts eo;
	size_t k;

	b->ds = ds;
	b->o = *o;
	if (b->o.interval_us <= 0)
		b->o.interval_us = 1000000;
	memset(&to, 0, sizeof(to));
	to.on_end = on_end;
	to.ctx = b;
	b->table = conv_table_new(&to);
	b->frag = ipfrag_new(NULL);
	b->feed.table = b->table;
	b->feed.frag = b->frag;
	b->feed.dlt = o->dlt;
	b->feed.stream = -1;
	b->feed.packet = on_packet;
	b->feed.ctx = b;
	memset(&eo, 0, sizeof(eo));
	eo.emit = on_exchange;
	eo.ctx = b;
	b->exch = exch_new(&eo);
	hashtab_init(&b->uses4, sizeof(struct pair_uses4));
	hashtab_init(&b->uses6, sizeof(struct pair_uses6));
	strmap_init(&b->samples, sizeof(size_t));
	if (b->o.closed)
		b->o.closed(ds, NULL, 0, NULL, b->o.closed_ctx);	/* a new capture: counts from 0 */
	b->total_base = ds->nmetrics;
	for (k = 0; k < T_NTOTAL; k++) {
		size_t i = add_metric(b, NULL, "total", NULL, NULL, total_counter(k), -1);	/* may move metrics */

		if (ds_metric_loaded(&ds->metrics[i]))
			b->total_loaded |= 1u << k;
	}
	rowbuf_reset(&b->total, total_counter, T_NTOTAL);
	return b;
}

int capds_frame(struct capds *b, const struct capture_pkt *pkt, struct kerr *err)
{
	int64_t ts = pkt->ts_sec * 1000000 + pkt->ts_frac;

	b->frames++;
	if (!b->have_t0) {
		/* rows start at a multiple of the interval: 12:00:00, 12:00:01... */
		b->t0 = ts - ((ts % b->o.interval_us) + b->o.interval_us) % b->o.interval_us;
		b->have_t0 = 1;
		/* start and stop are events: marks on the charts of every input of a page */
		ds_add_event(b->ds, ts, "start", "capture: first packet");
	}
	/* a time stamp going back (merged captures) counts in the latest row */
	if (ensure_interval(b, ts < b->t0 ? 0 : (ts - b->t0) / b->o.interval_us, err))
		return -1;
	b->now = ts;
	b->total.v[T_PACKETS]++;
	b->total.v[T_BYTES] += pkt->len;
	b->total.v[T_BITS] += pkt->len * 8.0 * 1e6 / (double)b->o.interval_us;
	/* a damaged record header (len < caplen): counted, never decoded (as flows does) */
	if (pkt->len >= pkt->caplen) {
		b->wirelen = pkt->len;
		flow_feed_frame(&b->feed, pkt, ts);
	}
	return 0;
}

int capds_sample(struct capds *b, const char *object, const char *instance, const char *counter,
		 const char *unit, int64_t ts, double value, struct kerr *err)
{
	if (!b->have_t0)
		return kerr_set(err, "internal error: an exchange sample before the first frame");
	if (ensure_interval(b, ts < b->t0 ? 0 : (ts - b->t0) / b->o.interval_us, err))
		return -1;
	set_max(b->ds, exch_metric(b, object, instance, NULL, counter, unit), b->row, value);
	return 0;
}

void capds_finish(struct capds *b)
{
	b->finished = 1;
	ipfrag_finish(b->frag);
	conv_table_finish(b->table);
	exch_finish(b->exch, b->now);
	total_flush(b);
	if (b->frames)
		ds_add_event(b->ds, b->now, "stop", "capture: last packet");
}

void capds_free(struct capds *b)
{
	if (!b)
		return;
	/* after a read error: ending the open conversations frees their state */
	if (!b->finished)
		conv_table_finish(b->table);
	conv_table_free(b->table);
	exch_free(b->exch);
	ipfrag_free(b->frag);
	hashtab_release(&b->uses4);
	hashtab_release(&b->uses6);
	strmap_release(&b->samples);
	free(b);
}

uint64_t capds_frames(const struct capds *b)
{
	return b->frames;
}

/* ---- the input reader ---- */

/* The reader's warnings, for the command to print. */
static void copy_warnings(const struct dataset *ds, struct perf_info *info)
{
	size_t w;

	for (w = 0; w < ds->nwarnings && info->nwarnings < PERF_MAX_WARNINGS; w++)
		snprintf(info->warnings[info->nwarnings++], sizeof(info->warnings[0]), "%s",
			 ds->warnings[w]);
}

/* The shared selection, then the caller's own filter, as perf files do. */
static int want_selected(const struct ds_metric *m, void *ctx)
{
	const struct perf_options *po = ctx;

	if (po->header_only)
		return 0;
	if (po->select && !selection_matches(po->select, m))
		return 0;
	return !po->want || po->want(m, po->want_ctx);
}

/* The capds options an input's options ask for (selection, interval, check's hooks). */
static void input_capds_options(struct capds_options *co, const struct input_options *opt, int dlt)
{
	const struct perf_options *po = opt->common;

	memset(co, 0, sizeof(*co));
	co->interval_us = opt->interval_us;
	co->dlt = dlt;
	co->want = po ? want_selected : NULL;
	co->want_ctx = (void *)po;
	co->sparse = po && po->sparse;
	/* a SELECT that matches nothing suggests names: then they must all be there */
	co->unwanted_once = po && !po->select ? po->unwanted_once : NULL;
	co->unwanted_ctx = po ? po->want_ctx : NULL;
	if (po && po->sparse && po->closed) {
		co->closed = po->closed;
		co->closed_ctx = po->closed_ctx;
	}
}

struct capds *capds_new_input(struct dataset *ds, const char *name, const char *wrapping, int dlt,
			      const struct input_options *opt)
{
	const struct perf_options *po = opt->common;
	struct capds_options co;

	ds->source = arena_strdup(&ds->arena, name);
	ds->format = "capture";
	ds->tz_known = 1;
	ds->tz_offset_min = po && po->tz_override ? po->tz_offset_min : 0;
	if (po && po->info) {
		memset(po->info, 0, sizeof(*po->info));
		po->info->wrapping = arena_strdup(&ds->arena, wrapping);
		po->info->zone_known = 1;
		po->info->encoding = "binary";
	}
	input_capds_options(&co, opt, dlt);
	return capds_new(ds, &co);
}

int capds_load_source(struct dataset *ds, struct source *src, const struct input_options *opt,
		      struct kerr *err)
{
	const struct perf_options *po = opt->common;
	const char *name = source_name(src);
	struct capture *cap;
	struct capds *b;
	int n, rc = 0;

	/* a plain file straight to libpcap: its messages give the offset of a bad record */
	if (strcmp(opt->path, "-") && !strcmp(source_wrapping(src), "plain")) {
		if (capture_open_file(&cap, opt->path, 0, err))
			return -1;
	} else {
		FILE *f = source_stream(src);

		if (!f)
			return kerr_set(err, "%s: cannot read: out of memory", name);
		if (capture_open_stream(&cap, f, name, 0, err))
			return -1;
	}
	b = capds_new_input(ds, name, source_wrapping(src), capture_datalink(cap), opt);
	for (;;) {
		struct capture_pkt pkt;

		n = capture_next(cap, &pkt, err);
		if (n < 0 && source_stream_error(src))
			kerr_set(err, "%s", source_stream_error(src));
		if (n == 0)
			break;
		if (n < 0 || (n == 1 && capds_frame(b, &pkt, err))) {
			rc = -1;
			break;
		}
		if (po && po->progress && (b->frames & 0xffff) == 0)
			progress_update(po->progress, source_file_offset(src));
	}
	if (rc == 0)
		capds_finish(b);
	if (rc == 0 && po && po->info) {
		copy_warnings(ds, po->info);
		po->info->rows = ds->nsamples;
		po->info->columns = ds->nmetrics;
		po->info->bytes = source_offset(src);
	}
	capds_free(b);
	capture_close(cap);
	if (rc == 0 && po && po->header_only)
		ds->nsamples = 0;
	return rc;
}

int capds_load_live(struct dataset *ds, const struct input_options *opt, struct kerr *err)
{
	const struct perf_options *po = opt->common;
	struct capture_live_opts lo;
	struct capds_options co;
	struct capture *cap;
	const char *warning = NULL;
	struct capds *b;
	int64_t first = -1;
	int n, rc = 0, stopping = 0;

	memset(&lo, 0, sizeof(lo));
	lo.promisc = 1;
	lo.immediate = 1;
	lo.timeout_ms = 200;	/* a --duration ends on time even when nothing comes */
	/*
	 * A kernel drop looks like a lost segment and its retransmission: a
	 * large buffer, and headers plus the start of the payload only.
	 */
	lo.buffer_kib = 64 * 1024;
	lo.snaplen = 2048;
	if (capture_open_live(&cap, opt->iface, &lo, &warning, err))
		return -1;
	if (warning)
		ds_warn(ds, "%s: %s", opt->iface, warning);
	if (capture_set_filter(cap, opt->filter, err) ||
	    (opt->started && opt->started(cap, opt->started_ctx, err))) {
		capture_close(cap);
		return -1;
	}
	ds->source = arena_strdup(&ds->arena, opt->iface);
	ds->format = "capture";
	ds->tz_known = 1;
	ds->tz_offset_min = po && po->tz_override ? po->tz_offset_min : 0;
	input_capds_options(&co, opt, capture_datalink(cap));
	b = capds_new(ds, &co);
	for (;;) {
		struct capture_pkt pkt;
		int64_t now = time_mono_us();

		if (first < 0)
			first = now;
		/* once: a second break would drop what the kernel holds already */
		if (opt->duration_us > 0 && now - first >= opt->duration_us && !stopping++)
			capture_break(cap);
		n = capture_next(cap, &pkt, err);
		if (n == 0)
			break;
		if (n == 2)
			continue;
		if (n < 0 || capds_frame(b, &pkt, err)) {
			rc = -1;
			break;
		}
		if (opt->count && b->frames >= opt->count)
			break;
	}
	if (rc == 0)
		capds_finish(b);
	{
		unsigned recv, drop, ifdrop;

		if (capture_stats(cap, &recv, &drop, &ifdrop) == 0 && drop + ifdrop)
			ds_warn(ds, "%s: %u packets dropped by the kernel or the interface: the "
				"conversations miss them (they count as lost segments)",
				opt->iface, drop + ifdrop);
	}
	if (rc == 0 && po && po->info) {
		memset(po->info, 0, sizeof(*po->info));
		po->info->wrapping = "live";
		copy_warnings(ds, po->info);
		po->info->rows = ds->nsamples;
		po->info->columns = ds->nmetrics;
		po->info->zone_known = 1;
	}
	capds_free(b);
	capture_close(cap);
	if (rc == 0 && !ds->nsamples)
		return kerr_set(err, "%s: no packet captured", opt->iface);
	return rc;
}
