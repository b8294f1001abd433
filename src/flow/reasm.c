/* SPDX-License-Identifier: MIT */
/* TCP stream reassembly: see reasm.h. */
#include "flow/reasm.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "flow/conv.h"
#include "net/tcp.h"

struct reasm_piece {
	int64_t off;
	size_t len;
	uint8_t *data;		/* NULL: bytes cut by the snapshot length */
	int64_t ts_us;
	uint64_t tag;
};

void reasm_init(struct reasm *r, size_t max_pending, reasm_emit_fn emit, void *ctx)
{
	int d;

	memset(r, 0, sizeof(*r));
	r->max_pending = max_pending ? max_pending : 4u << 20;
	r->emit = emit;
	r->ctx = ctx;
	for (d = 0; d < 2; d++) {
		r->d[d].next = 1;
		r->d[d].fin_off = -1;
	}
}

void reasm_release(struct reasm *r)
{
	int d;
	size_t i;

	for (d = 0; d < 2; d++) {
		for (i = 0; i < r->d[d].npend; i++)
			free(r->d[d].pend[i].data);
		free(r->d[d].pend);
		r->d[d].pend = NULL;
		r->d[d].npend = r->d[d].pend_cap = 0;
	}
}

static void emit(struct reasm *r, int dir, int64_t off, const uint8_t *data, size_t len,
		 enum reasm_gap gap, int64_t ts, uint64_t tag)
{
	struct reasm_dir *q = &r->d[dir];
	struct reasm_ev ev;

	if (!len)
		return;
	ev.dir = dir;
	ev.off = off;
	ev.data = gap ? NULL : data;
	ev.len = len;
	ev.gap = gap;
	ev.ts_us = ts;
	ev.tag = tag;
	if (gap)
		q->gap_bytes += len;
	else
		q->delivered += len;
	q->next = off + (int64_t)len;
	r->emit(r->ctx, &ev);
}

/* Delivers held pieces that have become contiguous with q->next. */
static void drain(struct reasm *r, int dir)
{
	struct reasm_dir *q = &r->d[dir];
	size_t k = 0;

	while (k < q->npend && q->pend[k].off <= q->next) {
		struct reasm_piece *p = &q->pend[k];
		int64_t end = p->off + (int64_t)p->len;

		if (end > q->next) {
			size_t skip = (size_t)(q->next - p->off);

			emit(r, dir, q->next, p->data ? p->data + skip : NULL, p->len - skip,
			     p->data ? REASM_DATA : REASM_GAP_SNAPLEN, p->ts_us, p->tag);
		}
		q->pend_bytes -= p->len;
		free(p->data);
		k++;
	}
	if (k) {
		memmove(q->pend, q->pend + k, (q->npend - k) * sizeof(*q->pend));
		q->npend -= k;
	}
}

/* Gives up the lowest hole: a gap up to the first held piece, then what follows it. */
static void give_up_hole(struct reasm *r, int dir, int64_t ts)
{
	struct reasm_dir *q = &r->d[dir];

	if (!q->npend)
		return;
	emit(r, dir, q->next, NULL, (size_t)(q->pend[0].off - q->next), REASM_GAP_LOST, ts,
	     q->pend[0].tag);
	drain(r, dir);
}

static void hold(struct reasm *r, int dir, int64_t off, const uint8_t *data, size_t len,
		 int64_t ts, uint64_t tag)
{
	struct reasm_dir *q = &r->d[dir];
	size_t i = 0;

	/* keep only the parts no held piece covers yet: the first copy wins */
	while (len) {
		int64_t end = off + (int64_t)len;
		struct reasm_piece *p;
		size_t take;

		while (i < q->npend && q->pend[i].off + (int64_t)q->pend[i].len <= off)
			i++;
		if (i < q->npend && q->pend[i].off <= off) {
			/* covered at the start: skip past this piece */
			size_t skip = (size_t)(q->pend[i].off + (int64_t)q->pend[i].len - off);

			if (data && q->pend[i].data &&
			    memcmp(data, q->pend[i].data + (off - q->pend[i].off), skip < len ? skip : len))
				q->conflicts++;
			if (skip >= len)
				return;
			off += (int64_t)skip;
			if (data)
				data += skip;
			len -= skip;
			continue;
		}
		take = len;
		if (i < q->npend && q->pend[i].off < end)
			take = (size_t)(q->pend[i].off - off);
		XGROW(q->pend, q->npend + 1, q->pend_cap);
		memmove(q->pend + i + 1, q->pend + i, (q->npend - i) * sizeof(*q->pend));
		p = &q->pend[i];
		p->off = off;
		p->len = take;
		p->data = NULL;
		if (data) {
			p->data = xmalloc(take);
			memcpy(p->data, data, take);
		}
		p->ts_us = ts;
		p->tag = tag;
		q->npend++;
		q->pend_bytes += take;
		i++;
		off += (int64_t)take;
		if (data)
			data += take;
		len -= take;
	}
	while (q->pend_bytes > r->max_pending && q->npend)
		give_up_hole(r, dir, ts);
}

/* One piece of a segment: data, or (data NULL) bytes cut by the snapshot length. */
static void piece(struct reasm *r, int dir, int64_t off, const uint8_t *data, size_t len,
		  int64_t ts, uint64_t tag)
{
	struct reasm_dir *q = &r->d[dir];

	while (len) {
		size_t n;

		if (off + (int64_t)len <= q->next)
			return;		/* all delivered already: a retransmission */
		if (off < q->next) {
			size_t skip = (size_t)(q->next - off);

			off = q->next;
			if (data)
				data += skip;
			len -= skip;
		}
		if (off > q->next) {
			hold(r, dir, off, data, len, ts, tag);
			return;
		}
		/* held bytes inside this segment arrived first: they win */
		n = len;
		if (q->npend && q->pend[0].off < off + (int64_t)len)
			n = (size_t)(q->pend[0].off - off);
		emit(r, dir, off, data, n, data ? REASM_DATA : REASM_GAP_SNAPLEN, ts, tag);
		off += (int64_t)n;
		if (data)
			data += n;
		len -= n;
		if (q->npend)
			drain(r, dir);
	}
}

void reasm_segment(struct reasm *r, int dir, int64_t off, const uint8_t *data, uint32_t caplen,
		   uint32_t len, int fin, int64_t ts_us, uint64_t tag)
{
	struct reasm_dir *q = &r->d[dir];

	if (caplen > len)
		caplen = len;
	if (fin && q->fin_off < 0)
		q->fin_off = off + len;
	piece(r, dir, off, data, caplen, ts_us, tag);
	piece(r, dir, off + caplen, NULL, len - caplen, ts_us, tag);
}

void reasm_ack(struct reasm *r, int dir, int64_t ack_off, int64_t ts_us)
{
	struct reasm_dir *q = &r->d[dir];

	if (q->fin_off >= 0 && ack_off > q->fin_off)
		ack_off = q->fin_off;	/* the FIN takes a sequence number, not a byte */
	/* everything below ack_off reached the peer: what we hold no copy of, we never will */
	while (q->next < ack_off) {
		int64_t upto = q->npend && q->pend[0].off < ack_off ? q->pend[0].off : ack_off;

		if (upto > q->next)
			emit(r, dir, q->next, NULL, (size_t)(upto - q->next), REASM_GAP_LOST, ts_us, 0);
		drain(r, dir);
	}
}

void reasm_flush(struct reasm *r, int64_t ts_us)
{
	int d;

	for (d = 0; d < 2; d++)
		while (r->d[d].npend)
			give_up_hole(r, d, ts_us);
}

void reasm_tcp(struct reasm *r, const struct conv_pkt *cp, const struct net_packet *p,
	       int64_t ts_us, uint64_t tag)
{
	int fin = !!(cp->tcp_flags & NET_TH_FIN);

	if (p->payload_len || fin)
		reasm_segment(r, cp->dir, cp->rel_seq + !!(cp->tcp_flags & NET_TH_SYN), p->payload,
			      p->payload_caplen, p->payload_len, fin, ts_us, tag);
	if (cp->has_ack && !(cp->tcp_flags & NET_TH_RST))
		reasm_ack(r, cp->dir ^ 1, cp->rel_ack, ts_us);
}
