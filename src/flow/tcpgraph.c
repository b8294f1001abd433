/* SPDX-License-Identifier: MIT */
/* Stream-graph data and IO totals of a capture: see tcpgraph.h. */
#include "flow/tcpgraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "net/tcp.h"

void tcpgraph_init(struct tcpgraph *g, const struct tcpgraph_opts *o)
{
	memset(g, 0, sizeof(*g));
	if (o)
		g->o = *o;
	if (!g->o.max_conv_segs)
		g->o.max_conv_segs = 100000;
	if (!g->o.max_segs)
		g->o.max_segs = 4000000;
	if (!g->o.max_convs)
		g->o.max_convs = 500000;
	g->t0_us = INT64_MIN;
	g->interval_us = 1000;
}

void tcpgraph_release(struct tcpgraph *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->convs[i]->segs);
		free(g->convs[i]->sacks);
		free(g->convs[i]);
	}
	free(g->convs);
	free(g->bins);
	memset(g, 0, sizeof(*g));
}

/* ---- IO totals ---- */

/* Ten times longer intervals: bins merge by tens. */
static void io_coarsen(struct tcpgraph *g)
{
	size_t i, n = (g->nbins + 9) / 10;
	int d;

	for (i = 0; i < n; i++) {
		struct tcpgraph_bin sum;
		size_t k;

		memset(&sum, 0, sizeof(sum));
		for (k = i * 10; k < i * 10 + 10 && k < g->nbins; k++)
			for (d = 0; d < 2; d++) {
				sum.packets[d] += g->bins[k].packets[d];
				sum.bytes[d] += g->bins[k].bytes[d];
				sum.retrans[d] += g->bins[k].retrans[d];
			}
		g->bins[i] = sum;
	}
	g->nbins = n;
	g->interval_us *= 10;
}

static void io_account(struct tcpgraph *g, int64_t ts, int dir, int packets, uint64_t bytes,
		       int retrans)
{
	uint64_t k;
	struct tcpgraph_bin *b;

	if (g->t0_us == INT64_MIN)
		g->t0_us = ts - ((ts % 1000) + 1000) % 1000;	/* whole milliseconds */
	k = ts > g->t0_us ? (uint64_t)(ts - g->t0_us) / (uint64_t)g->interval_us : 0;
	while (k >= TCPGRAPH_MAX_BINS) {
		io_coarsen(g);
		k /= 10;
	}
	if (k >= g->nbins) {
		size_t cap = g->nbins;

		/* bins are never freed apart: grow to k + 1, zero the new ones */
		g->bins = xreallocarray(g->bins, k + 1, sizeof(*g->bins));
		memset(g->bins + cap, 0, (k + 1 - cap) * sizeof(*g->bins));
		g->nbins = k + 1;
	}
	b = &g->bins[k];
	b->packets[dir] += (uint64_t)packets;
	b->bytes[dir] += bytes;
	b->retrans[dir] += (uint64_t)retrans;
}

static const struct {
	const char *counter, *unit;
	int dir;
	int what;		/* 0 packets, 1 bits, 2 retransmissions */
} io_metrics[] = {
	{ "packets client to server", "packets/s", 0, 0 },
	{ "packets server to client", "packets/s", 1, 0 },
	{ "bits client to server", "bits/s", 0, 1 },
	{ "bits server to client", "bits/s", 1, 1 },
	{ "retransmissions client to server", "packets/s", 0, 2 },
	{ "retransmissions server to client", "packets/s", 1, 2 },
};

void tcpgraph_io_dataset(const struct tcpgraph *g, struct dataset *ds, const char *source)
{
	size_t i, m, first;
	double per_s = 1e6 / (double)g->interval_us;

	ds->source = arena_strdup(&ds->arena, source);
	ds->format = "pcap";
	ds->tz_name = "UTC";
	ds->tz_known = 1;
	for (m = 0; m < sizeof(io_metrics) / sizeof(io_metrics[0]); m++) {
		struct ds_metric dm;
		char path[96];

		memset(&dm, 0, sizeof(dm));
		snprintf(path, sizeof(path), "capture/%s", io_metrics[m].counter);
		dm.host = "";
		dm.object = "capture";
		dm.counter = io_metrics[m].counter;
		dm.path = path;
		dm.unit = io_metrics[m].unit;
		ds_load_metric(ds, ds_add_metric(ds, &dm));
	}
	if (!g->nbins)
		return;
	ds_reserve_samples(ds, g->nbins);
	for (i = 0; i < g->nbins; i++) {
		const struct tcpgraph_bin *b = &g->bins[i];

		first = ds_append_sample(ds, g->t0_us + (int64_t)i * g->interval_us);
		for (m = 0; m < sizeof(io_metrics) / sizeof(io_metrics[0]); m++) {
			int d = io_metrics[m].dir;
			double v = io_metrics[m].what == 0 ? (double)b->packets[d]
				: io_metrics[m].what == 1 ? (double)b->bytes[d] * 8 : (double)b->retrans[d];

			ds->metrics[m].values[first] = v * per_s;
		}
	}
}

/* ---- conversations ---- */

static struct tcpgraph_conv *conv_of(struct tcpgraph *g, struct conv *c, const struct conv_pkt *r)
{
	struct tcpgraph_conv *tc;

	if (c->user || !(r->flags & CONV_F_NEW))
		return c->user;		/* NULL: one past max_convs */
	if (g->n >= g->o.max_convs) {
		g->convs_dropped++;
		return NULL;
	}
	tc = xcalloc(1, sizeof(*tc));
	XGROW(g->convs, g->n + 1, g->cap);
	g->convs[g->n++] = tc;
	c->user = tc;
	return tc;
}

/* The SYNs' window scale options (RFC 7323), as Wireshark applies them. */
static void note_syn(struct tcpgraph_conv *tc, const struct net_packet *p, int dir)
{
	struct net_tcp_optsum o;

	net_tcp_options(&p->tcp, &o);
	tc->ws_state[dir] = o.has_wscale ? 1 : 2;
	tc->ws_shift[dir] = o.wscale > 14 ? 14 : o.wscale;	/* RFC 7323: at most 14 */
	if (tc->ws_state[0] && tc->ws_state[1])
		tc->wscale = tc->ws_state[0] == 1 && tc->ws_state[1] == 1 ? TCPGRAPH_WS_SCALED
			: TCPGRAPH_WS_NONE;
}

static void add_sacks(struct tcpgraph_conv *tc, const struct conv_pkt *r,
		      const struct net_packet *p, struct tcpgraph_seg *s)
{
	struct net_tcp_optsum o;
	int i;

	if (p->tcp.hlen <= 20 || !r->has_ack)
		return;
	net_tcp_options(&p->tcp, &o);
	for (i = 0; i < o.nsack; i++) {
		struct tcpgraph_sack *k;

		XGROW(tc->sacks, tc->nsacks + 1, tc->sacks_cap);
		k = &tc->sacks[tc->nsacks++];
		k->seg = (uint32_t)tc->nsegs;
		/* SACK edges lie near the ACK: unwrap them around it */
		k->left = r->rel_ack + (int32_t)(o.sack[i][0] - p->tcp.ack);
		k->right = r->rel_ack + (int32_t)(o.sack[i][1] - p->tcp.ack);
		s->nsack++;
	}
}

static void add_segment(struct tcpgraph *g, struct tcpgraph_conv *tc, const struct conv_pkt *r,
			const struct net_packet *p, int64_t ts)
{
	struct tcpgraph_seg *s;
	int syn = !!(r->tcp_flags & NET_TH_SYN);

	if (syn)
		note_syn(tc, p, r->dir);
	if (tc->nsegs >= g->o.max_conv_segs || g->segs >= g->o.max_segs) {
		tc->dropped++;
		g->dropped++;
		return;
	}
	XGROW(tc->segs, tc->nsegs + 1, tc->segs_cap);
	s = &tc->segs[tc->nsegs];
	memset(s, 0, sizeof(*s));
	s->t_us = ts;
	s->seq = r->rel_seq;
	s->len = r->len;
	s->dir = (uint8_t)r->dir;
	s->flags = (uint8_t)(r->flags & 0x7f);
	s->tcp_flags = r->tcp_flags;
	if (r->has_ack) {
		s->flags |= TCPGRAPH_F_ACK;
		s->ack = r->rel_ack;
	}
	/* a SYN's window is never scaled; the others once both SYNs offered scaling */
	s->win = !syn && tc->wscale == TCPGRAPH_WS_SCALED ? r->win << tc->ws_shift[r->dir] : r->win;
	add_sacks(tc, r, p, s);
	tc->nsegs++;
	g->segs++;
}

void tcpgraph_packet(struct tcpgraph *g, struct conv *c, const struct conv_pkt *r,
		     const struct net_packet *p, int64_t ts_us)
{
	struct tcpgraph_conv *tc = conv_of(g, c, r);
	uint64_t wirelen = 0;

	if (tc) {
		/* the table counted the frame's length: the difference is this frame */
		wirelen = c->s.dir[r->dir].bytes - tc->bytes_seen[r->dir];
		tc->bytes_seen[r->dir] = c->s.dir[r->dir].bytes;
		if (c->s.proto == 6)
			add_segment(g, tc, r, p, ts_us);
	}
	/*
	 * A UDP tunnel's packet is in two conversations: the frame counts once, as
	 * its carrier; a retransmission inside counts as the inner packet's.
	 */
	io_account(g, ts_us, r->dir, !p->ncarrier, p->ncarrier ? 0 : wirelen,
		   !!(r->flags & CONV_F_RETRANS));
}

void tcpgraph_end(struct tcpgraph *g, struct conv *c)
{
	struct tcpgraph_conv *tc = c->user;

	(void)g;
	if (!tc)
		return;
	tc->s = c->s;
	tc->ended = 1;
	c->user = NULL;
}

static int by_id(const void *a, const void *b)
{
	const struct tcpgraph_conv *x = *(struct tcpgraph_conv *const *)a;
	const struct tcpgraph_conv *y = *(struct tcpgraph_conv *const *)b;

	return x->s.id < y->s.id ? -1 : x->s.id > y->s.id;
}

void tcpgraph_finish(struct tcpgraph *g)
{
	while (g->nbins > TCPGRAPH_BINS)
		io_coarsen(g);
	if (g->n > 1)	/* qsort() must not see the NULL array of an empty capture */
		qsort(g->convs, g->n, sizeof(*g->convs), by_id);
}
