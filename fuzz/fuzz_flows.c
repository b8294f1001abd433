/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for conversation tracking and TCP reassembly.
 *
 * Part 1 drives the reassembler (flow/reasm.h) directly with segments,
 * acknowledgements and a final flush taken from the input, with a small
 * held-data limit, and checks its promises: events are contiguous from
 * offset 1 and never empty, every delivered byte is the first captured copy
 * of that byte, and after the flush everything up to the highest segment
 * end has been delivered or reported as a gap. Delivered bytes also go
 * through the SMTP/HTTP labeler (flow/lineproto.h).
 *
 * Part 2 turns the same input into TCP/UDP packets between three endpoints
 * with hostile flags, sequence and acknowledgement numbers, and feeds them
 * to the conversation table (flow/conv.h) with follow, flowgraph or the
 * capture report's collector (flow/tcpgraph.h, with SACK blocks of hostile
 * edges) attached, ending with their writers (output to /dev/null); the
 * collector must keep its records within its caps.
 *
 * Part 3 cuts one IPv4 datagram (and a few of another identification)
 * into fragments at offsets and lengths taken from the input, some
 * repeated, overlapping or cut short, and feeds them to the reassembler
 * (net/ipfrag.h) with small memory caps: a datagram it returns must hold
 * exactly the original bytes, and the memory held never passes the cap by
 * more than one fragment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/conv.h"
#include "flow/follow.h"
#include "flow/graph.h"
#include "flow/lineproto.h"
#include "flow/reasm.h"
#include "flow/resptime.h"
#include "flow/tcpgraph.h"
#include "fuzz/fuzz.h"
#include "net/decode.h"
#include "net/ipfrag.h"
#include "render/capreport.h"

#define SPACE 4096		/* offsets used by part 1 */

static const char lines[] = "EHLO x\r\n250 ok\r\nGET / HTTP/1.1\r\nContent-Length: 3\r\n\r\n";

struct model {
	int first[2][SPACE + 512];	/* first captured value of each byte, -1 none */
	int64_t end[2];			/* next expected event offset */
	struct lineproto lp;
};

static void check_event(void *ctx, const struct reasm_ev *ev)
{
	struct model *m = ctx;
	size_t i;

	if (ev->len == 0 || ev->off != m->end[ev->dir])
		abort();
	if (ev->data) {
		for (i = 0; i < ev->len; i++) {
			int64_t o = ev->off + (int64_t)i;

			if (o < 0 || o >= SPACE + 512 || m->first[ev->dir][o] != ev->data[i])
				abort();
		}
		lp_feed(&m->lp, ev->dir, ev->off, ev->data, ev->len);
		lp_segment_end(&m->lp, ev->dir);
	} else {
		lp_gap(&m->lp, ev->dir, ev->len);
	}
	m->end[ev->dir] = ev->off + (int64_t)ev->len;
}

static void part_reasm(const uint8_t *data, size_t size)
{
	static struct model m;
	struct reasm r;
	uint8_t seg[256];
	int64_t maxend[2] = { 1, 1 };
	size_t i, k;

	memset(&m, 0xff, sizeof(m.first));
	m.end[0] = m.end[1] = 1;
	lp_init(&m.lp, NULL, NULL);
	reasm_init(&r, 512, check_event, &m);
	for (i = 0; i + 5 <= size; i += 5) {
		int dir = data[i] & 1, op = (data[i] >> 1) & 3, fin = (data[i] >> 3) & 1;
		int64_t off = ((int64_t)data[i + 1] << 8 | data[i + 2]) % SPACE;
		uint32_t len = data[i + 3], cap = data[i] & 0x80 ? len / 2 : len;

		if (op == 3) {
			reasm_ack(&r, dir, off, (int64_t)i);
			continue;
		}
		/* payload: mostly a function of the offset, sometimes different bytes (conflicts) */
		for (k = 0; k < len; k++) {
			int64_t o = off + (int64_t)k;

			seg[k] = data[i] & 0x40 ? (uint8_t)(data[i + 4] + k) : (uint8_t)(o * 31 + 7);
			if (k < cap && o >= m.end[dir] && m.first[dir][o] < 0)
				m.first[dir][o] = seg[k];
		}
		/* a first copy can only count while it is at or above what was delivered */
		reasm_segment(&r, dir, off, seg, cap, len, fin, (int64_t)i, i + 1);
		if (len && off + len > maxend[dir])
			maxend[dir] = off + len;
	}
	reasm_flush(&r, (int64_t)size);
	for (k = 0; k < 2; k++) {
		/* reasm_ack may have declared gaps past the highest segment: never less */
		if (m.end[k] < maxend[k])
			abort();
	}
	reasm_release(&r);
}

/* One consumer per table: c->user belongs to it. */
struct sinks {
	struct follow *f;
	struct graph *g;
	struct tcpgraph *tg;
};

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	struct sinks *s = ctx;

	(void)why;
	if (s->f)
		follow_end(s->f, c);
	else if (s->g)
		graph_end(s->g, c);
	else
		tcpgraph_end(s->tg, c);
}

/* The capture report's page from what the collector kept, which must be within its caps. */
static void write_capreport(struct tcpgraph *tg, FILE *sink)
{
	struct dataset io;
	struct report r;
	struct capreport cr;
	struct resptime rt;
	struct kerr err;
	size_t i;

	tcpgraph_finish(tg);
	if (tg->segs > tg->o.max_segs || tg->n > tg->o.max_convs)
		abort();
	for (i = 0; i < tg->n; i++)
		if (tg->convs[i]->nsegs > tg->o.max_conv_segs)
			abort();
	ds_init(&io);
	tcpgraph_io_dataset(tg, &io, "<fuzz & \"input\">");
	if (io.nsamples > TCPGRAPH_BINS)
		abort();
	/* an answer per conversation, at its times, for the response-time charts */
	resptime_init(&rt);
	for (i = 0; i < tg->n; i++) {
		const struct conv_summary *cs = &tg->convs[i]->s;
		struct exch_record e;

		memset(&e, 0, sizeof(e));
		e.proto = (enum exch_proto)(i % EXCH_NPROTO);
		e.kind = (enum exch_kind)(i % EXCH_NKIND);
		e.af = cs->af;
		memcpy(e.addr, cs->addr, sizeof(e.addr));
		memcpy(e.port, cs->port, sizeof(e.port));
		e.req_us = cs->first_us;
		e.resp_us = i % 4 == 3 ? -1 : cs->last_us;
		resptime_add(&rt, &e);
	}
	resptime_finish(&rt);
	report_init(&r, "fuzz");
	report_add_dataset(&r, &io);
	capreport_add(&r, &cr, tg, NULL, 0, &io, &rt, "<fuzz>");
	report_write_html(&r, sink, &err);
	report_release(&r);
	capreport_release(&cr);
	resptime_release(&rt);
	ds_release(&io);
}

static void part_table(const uint8_t *data, size_t size, int draw)
{
	static FILE *sink;
	struct conv_table_opts o = { 0 };
	struct follow_opts fo = { 0 };
	struct graph_opts go = { 0 };
	struct sinks s;
	struct conv_table *t;
	struct tcpgraph tg;
	struct tcpgraph_opts to = { 5, 40, 3 };
	uint8_t payload[600], opts[12] = { 1, 1, 5, 10 };
	size_t i;
	int64_t ts = 0;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return;
	fo.out = sink;
	fo.hex = size & 1;
	go.max_segments = 300;
	go.source = "<fuzz & \"input\">";
	s.f = draw ? NULL : follow_new(&fo);
	s.g = draw == 1 ? graph_new(&go) : NULL;
	s.tg = draw == 2 ? &tg : NULL;
	tcpgraph_init(&tg, &to);
	o.on_end = on_end;
	o.ctx = &s;
	o.max_open = 2;
	o.idle_us = 5000;
	t = conv_table_new(&o);
	for (i = 0; i + 12 <= size; i += 12) {
		struct net_packet p;
		struct conv_pkt r;
		struct conv *c;
		const uint8_t *d = data + i;
		int a = d[0] % 3, b = (d[0] / 3) % 3;

		memset(&p, 0, sizeof(p));
		p.l3 = NET_L3_IPV4;
		p.l4 = d[1] & 0x80 ? NET_L4_UDP : NET_L4_TCP;
		p.addr_len = 4;
		p.src[0] = 10;
		p.src[3] = (uint8_t)a;
		p.dst[0] = 10;
		p.dst[3] = (uint8_t)b;
		p.sport = (uint16_t)(1000 + a);
		p.dport = (uint16_t)(1000 + b);
		p.tcp.sport = p.sport;
		p.tcp.dport = p.dport;
		p.tcp.flags = d[1] & 0x7f ? d[1] : 0x10;
		p.tcp.seq = (uint32_t)d[2] << 24 | (uint32_t)d[3] << 16 | (uint32_t)d[4] << 8 | d[5];
		p.tcp.ack = (uint32_t)d[6] << 24 | (uint32_t)d[7] << 16 | (uint32_t)d[8] << 8 | d[9];
		if (d[2] & 1)	/* stay near the previous numbers now and then */
			p.tcp.seq &= 0x3ff;
		if (d[6] & 1)
			p.tcp.ack &= 0x3ff;
		p.tcp.win = d[10];
		p.payload_len = (uint32_t)d[11] * 2;
		p.payload_caplen = d[10] & 1 ? p.payload_len / 2 : p.payload_len;
		memset(payload, d[11], sizeof(payload));
		memcpy(payload, lines, sizeof(lines) - 1);
		p.payload = payload + (d[9] & 7);
		if (d[5] & 2) {	/* a SACK block near the ACK */
			memcpy(opts + 4, d + 6, 4);
			memcpy(opts + 8, d + 2, 4);
			p.tcp.opts.p = opts;
			p.tcp.opts.len = sizeof(opts);
			p.tcp.hlen = 20 + sizeof(opts);
		}
		ts += d[10] * 100;
		c = conv_table_packet(t, &p, ts, 60 + p.payload_len, &r);
		if (c && s.f)
			follow_packet(s.f, c, &r, &p, ts);
		else if (c && s.g)
			graph_packet(s.g, c, &r, &p, ts);
		else if (c)
			tcpgraph_packet(&tg, c, &r, &p, ts);
	}
	conv_table_finish(t);
	if (s.g) {
		graph_write_svg(s.g, sink, NULL);
		graph_write_html(s.g, sink, NULL);
		graph_free(s.g);
	}
	if (s.tg)
		write_capreport(&tg, sink);
	tcpgraph_release(&tg);
	conv_table_free(t);
	if (s.f)
		follow_free(s.f);
}

static uint8_t orig_byte(unsigned id, uint32_t off)
{
	return (uint8_t)(off * 7 + id);
}

static void part_frags(const uint8_t *data, size_t size)
{
	struct ipfrag_opts o = { 1000000, 8192, 4096 };
	struct ipfrag *f = ipfrag_new(&o);
	uint8_t pkt[14 + 20 + 2048];
	size_t i;

	for (i = 0; i + 4 <= size; i += 4) {
		unsigned id = data[i] & 3, more = data[i] >> 7, cut = (data[i] >> 6) & 1;
		uint32_t off = (uint32_t)(data[i + 1] & 0x3f) * 8, len = data[i + 2] * 8u + (data[i + 3] & 7);
		uint32_t n, k, caplen;
		struct net_packet p;
		const uint8_t *d;
		uint32_t dl;

		if (len > 2040)
			len = 2040;
		memset(pkt, 0, 14 + 20);
		pkt[12] = 0x08;
		pkt[14] = 0x45;
		pkt[14 + 2] = (uint8_t)((20 + len) >> 8);
		pkt[14 + 3] = (uint8_t)(20 + len);
		pkt[14 + 5] = (uint8_t)id;
		pkt[14 + 6] = (uint8_t)((more ? 0x20 : 0) | (off / 8) >> 8);
		pkt[14 + 7] = (uint8_t)(off / 8);
		pkt[14 + 9] = 17;
		for (k = 0; k < len; k++)
			pkt[34 + k] = orig_byte(id, off + k);
		n = 34 + len;
		caplen = cut ? n / 2 : n;
		if (net_decode(&p, 1, pkt, caplen, n) != 0 || !p.fragment)
			continue;
		if (ipfrag_add(f, &p, (int64_t)i, &d, &dl) == 1) {
			if (dl < 20 || (d[2] << 8 | d[3]) != (int)dl)
				abort();
			for (k = 20; k < dl; k++)
				if (d[k] != orig_byte(id, k - 20))
					abort();
			net_decode_datagram(&p, d, dl);
		}
		if (ipfrag_stats(f)->peak_bytes > 8192 + 2048 + 256)
			abort();
	}
	ipfrag_finish(f);
	ipfrag_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	part_frags(data, size);
	part_reasm(data, size);
	part_table(data, size, 0);
	part_table(data, size, 1);
	part_table(data, size, 2);
	return 0;
}
