/* SPDX-License-Identifier: MIT */
/* A capture as numbers over time: see capds.h. */
#include "flow/capds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/xalloc.h"
#include "flow/conv.h"
#include "flow/feed.h"
#include "input/input.h"
#include "net/ipfrag.h"
#include "perf/select.h"

const char *const capds_suffixes[] = { ".pcap", ".pcapng", ".cap", NULL };

/* More rows than this is a damaged time stamp, not a capture (115 days of seconds). */
#define CAPDS_MAX_ROWS 10000000u

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

enum cap_kind { K_COUNT, K_GAUGE_MEAN, K_GAUGE_MAX, K_GAUGE_LAST };

struct cap_counter {
	const char *name;
	const char *unit;
	enum cap_kind kind;
};

/* Counters of the whole capture (object "total"). */
enum {
	T_PACKETS, T_BYTES, T_BITS,
	T_NTOTAL
};
static const struct cap_counter total_counters[T_NTOTAL] = {
	[T_PACKETS] = { "packets", "packets", K_COUNT },
	[T_BYTES] = { "bytes", "bytes", K_COUNT },
	[T_BITS] = { "bits per second", "bit/s", K_COUNT },
};

/* Counters of one conversation (objects "tcp", "udp"); UDP has the first C_NUDP. */
enum {
	C_PKTS_CS, C_PKTS_SC, C_BYTES_CS, C_BYTES_SC,
	C_NCONV
};
#define C_NUDP 4
static const struct cap_counter conv_counters[C_NCONV] = {
	[C_PKTS_CS] = { "packets to server", "packets", K_COUNT },
	[C_PKTS_SC] = { "packets to client", "packets", K_COUNT },
	[C_BYTES_CS] = { "bytes to server", "bytes", K_COUNT },
	[C_BYTES_SC] = { "bytes to client", "bytes", K_COUNT },
};

/* What we keep per open conversation (struct conv.user). */
struct capconv {
	size_t base;		/* its first metric in the dataset */
	int ncounters;
	size_t first_row, last_row;	/* rows it had packets in, so far */
};

struct capds {
	struct dataset *ds;
	struct capds_options o;
	struct conv_table *table;
	struct ipfrag *frag;
	struct flow_feed feed;
	struct strmap names;	/* conversation name -> times used (for "#2") */
	int64_t t0;		/* start of row 0 */
	int have_t0;
	size_t row;		/* row of the frame being fed */
	uint32_t wirelen;	/* its length on the wire */
	size_t total_base;
	uint64_t frames;
};

static void add(struct dataset *ds, size_t i, size_t row, double v)
{
	double *p;

	if (!ds->metrics[i].values)
		return;
	p = &ds->metrics[i].values[row];
	*p = isnan(*p) ? v : *p + v;
}

static size_t add_metric(struct capds *b, const char *object, const char *instance,
			 const struct cap_counter *c)
{
	struct dataset *ds = b->ds;
	struct ds_metric m;
	size_t i;

	memset(&m, 0, sizeof(m));
	m.host = "";
	m.object = object;
	m.instance = instance;
	m.counter = c->name;
	m.unit = c->unit;
	m.path = instance ? arena_printf(&ds->arena, "%s/%s/%s", object, instance, c->name)
			  : arena_printf(&ds->arena, "%s/%s", object, c->name);
	i = ds_add_metric_interned(ds, &m);
	if (!b->o.want || b->o.want(&ds->metrics[i], b->o.want_ctx)) {
		ds_load_metric(ds, i);
		/* counts are 0 in the rows that already exist, where this one lived */
	}
	return i;
}

/* Rows up to `row` exist; the totals' counts are 0 in new rows. */
static int ensure_row(struct capds *b, size_t row, struct kerr *err)
{
	struct dataset *ds = b->ds;
	size_t k;

	if (row >= CAPDS_MAX_ROWS)
		return kerr_set(err, "packet %llu is %llu intervals after the first: a damaged "
				"time stamp? (at most %u intervals)",
				(unsigned long long)b->frames, (unsigned long long)row,
				CAPDS_MAX_ROWS);
	while (ds->nsamples <= row) {
		size_t r = ds_append_sample(ds, b->t0 + (int64_t)ds->nsamples * b->o.interval_us);

		for (k = 0; k < T_NTOTAL; k++)
			if (total_counters[k].kind == K_COUNT && ds->metrics[b->total_base + k].values)
				ds->metrics[b->total_base + k].values[r] = 0;
	}
	return 0;
}

/* Its counts are 0 (not missing) in rows [from, to]. */
static void conv_zero(struct capds *b, struct capconv *cc, size_t from, size_t to)
{
	struct dataset *ds = b->ds;
	size_t r, k;

	for (k = 0; k < (size_t)cc->ncounters; k++) {
		struct ds_metric *m = &ds->metrics[cc->base + k];

		if (conv_counters[k].kind != K_COUNT || !m->values)
			continue;
		for (r = from; r <= to; r++)
			m->values[r] = 0;
	}
}

static struct capconv *conv_start(struct capds *b, struct conv *c)
{
	struct capconv *cc = xcalloc(1, sizeof(*cc));
	struct dataset *ds = b->ds;
	const char *object = c->s.proto == 6 ? "tcp" : "udp";
	char a[80], z[80], name[200];
	size_t *used, k;
	const char *inst;

	conv_endpoint(&c->s, 0, a, sizeof(a));
	conv_endpoint(&c->s, 1, z, sizeof(z));
	snprintf(name, sizeof(name), "%s/%s-%s", object, a, z);
	used = strmap_get(&b->names, name, strlen(name), NULL);
	if (++*used == 1)
		inst = arena_printf(&ds->arena, "%s-%s", a, z);
	else
		inst = arena_printf(&ds->arena, "%s-%s#%zu", a, z, *used);
	cc->ncounters = c->s.proto == 6 ? C_NCONV : C_NUDP;
	cc->base = ds->nmetrics;
	for (k = 0; k < (size_t)cc->ncounters; k++)
		add_metric(b, object, inst, &conv_counters[k]);
	cc->first_row = cc->last_row = b->row;
	conv_zero(b, cc, b->row, b->row);
	c->user = cc;
	return cc;
}

/* The row a packet of cc at the current time counts in, after the rows before it got their 0s. */
static size_t conv_row(struct capds *b, struct capconv *cc)
{
	size_t row = b->row;

	if (row < cc->first_row)
		return cc->first_row;	/* a time stamp going back: its first row */
	if (row > cc->last_row) {
		conv_zero(b, cc, cc->last_row + 1, row);
		cc->last_row = row;
	}
	return row;
}

static void on_packet(void *ctx, struct conv *c, const struct conv_pkt *r,
		      const struct net_packet *p, int64_t ts)
{
	struct capds *b = ctx;
	struct dataset *ds = b->ds;
	struct capconv *cc = c->user ? c->user : conv_start(b, c);
	size_t row = conv_row(b, cc);
	int to_client = r->dir;

	(void)p;
	(void)ts;
	add(ds, cc->base + (to_client ? C_PKTS_SC : C_PKTS_CS), row, 1);
	add(ds, cc->base + (to_client ? C_BYTES_SC : C_BYTES_CS), row, b->wirelen);
}

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	(void)ctx;
	(void)why;
	free(c->user);
	c->user = NULL;
}

struct capds *capds_new(struct dataset *ds, const struct capds_options *o)
{
	struct capds *b = xcalloc(1, sizeof(*b));
	struct conv_table_opts to;
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
	strmap_init(&b->names, sizeof(size_t));
	b->total_base = ds->nmetrics;
	for (k = 0; k < T_NTOTAL; k++)
		add_metric(b, "total", NULL, &total_counters[k]);
	return b;
}

int capds_frame(struct capds *b, const struct capture_pkt *pkt, struct kerr *err)
{
	struct dataset *ds = b->ds;
	int64_t ts = pkt->ts_sec * 1000000 + pkt->ts_frac;

	b->frames++;
	if (!b->have_t0) {
		/* rows start at a multiple of the interval: 12:00:00, 12:00:01... */
		b->t0 = ts - ((ts % b->o.interval_us) + b->o.interval_us) % b->o.interval_us;
		b->have_t0 = 1;
	}
	b->row = ts < b->t0 ? 0 : (size_t)((ts - b->t0) / b->o.interval_us);
	if (ensure_row(b, b->row, err))
		return -1;
	add(ds, b->total_base + T_PACKETS, b->row, 1);
	add(ds, b->total_base + T_BYTES, b->row, pkt->len);
	add(ds, b->total_base + T_BITS, b->row, pkt->len * 8.0 * 1e6 / (double)b->o.interval_us);
	/* a damaged record header (len < caplen): counted, never decoded (as flows does) */
	if (pkt->len >= pkt->caplen) {
		b->wirelen = pkt->len;
		flow_feed_frame(&b->feed, pkt, ts);
	}
	return 0;
}

void capds_finish(struct capds *b)
{
	ipfrag_finish(b->frag);
	conv_table_finish(b->table);
}

void capds_free(struct capds *b)
{
	if (!b)
		return;
	conv_table_free(b->table);
	ipfrag_free(b->frag);
	strmap_release(&b->names);
	free(b);
}

uint64_t capds_frames(const struct capds *b)
{
	return b->frames;
}

/* ---- the input reader ---- */

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

int capds_load_source(struct dataset *ds, struct source *src, const struct input_options *opt,
		      struct kerr *err)
{
	const struct perf_options *po = opt->common;
	const char *name = source_name(src);
	struct capds_options co;
	struct capture *cap;
	struct capds *b;
	int n, rc = 0;

	ds->source = arena_strdup(&ds->arena, name);
	ds->format = "capture";
	ds->tz_known = 1;
	ds->tz_offset_min = po && po->tz_override ? po->tz_offset_min : 0;
	if (po && po->info) {
		memset(po->info, 0, sizeof(*po->info));
		po->info->wrapping = arena_strdup(&ds->arena, source_wrapping(src));
		po->info->zone_known = 1;
		po->info->encoding = "binary";
	}
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
	memset(&co, 0, sizeof(co));
	co.interval_us = opt->interval_us;
	co.dlt = capture_datalink(cap);
	co.want = po ? want_selected : NULL;
	co.want_ctx = (void *)po;
	b = capds_new(ds, &co);
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
