/* SPDX-License-Identifier: MIT */
/* TCP analysis as Wireshark's tcp.analysis defines it: see tcpanal.h. */
#include "flow/tcpanal.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "net/tcp.h"

/* Sequence comparisons modulo 2^32 (RFC 9293 3.4). */
#define SEQ_LT(a, b) ((int32_t)((uint32_t)(a) - (uint32_t)(b)) < 0)
#define SEQ_GT(a, b) SEQ_LT(b, a)
#define SEQ_LE(a, b) (!SEQ_GT(a, b))

/* A retransmission this soon after two duplicate ACKs answers them (Wireshark's 20 ms). */
#define FAST_RETRANS_US 20000
/* Out-of-order window when the handshake RTT is unknown (Wireshark's 3 ms). */
#define OOO_DEFAULT_US 3000

void tcpanal_init(struct tcpanal *a)
{
	memset(a, 0, sizeof(*a));
	a->d[0].win_scale = a->d[1].win_scale = -1;
}

void tcpanal_release(struct tcpanal *a)
{
	free(a->d[0].segs);
	free(a->d[1].segs);
	a->d[0].segs = a->d[1].segs = NULL;
	a->d[0].segs_cap = a->d[1].segs_cap = 0;
}

void tcpanal_seg_of(const struct net_packet *p, struct tcpanal_seg *s)
{
	s->seq = p->tcp.seq;
	s->ack = p->tcp.ack;
	s->flags = p->tcp.flags;
	s->win = p->tcp.win;
	s->len = p->payload_len;
	s->wscale = -1;
	if (p->tcp.flags & NET_TH_SYN) {
		struct net_tcp_optsum o;

		net_tcp_options(&p->tcp, &o);
		if (o.has_wscale)
			s->wscale = o.wscale > 14 ? 14 : o.wscale;	/* RFC 7323 2.3 */
	}
}

/* Window scaling is in use only when both SYNs offered it (RFC 7323 1.3). */
static void note_wscale(struct tcpanal *a, int dir, const struct tcpanal_seg *s)
{
	struct tcpanal_dir *f = &a->d[dir], *r = &a->d[dir ^ 1];

	f->win_scale = s->wscale >= 0 ? s->wscale : -2;
	if ((s->flags & NET_TH_ACK) || r->win_scale != -1) {
		if (f->win_scale == -2 || r->win_scale == -2)
			f->win_scale = r->win_scale = -2;
	}
}

static int64_t scaled(const struct tcpanal_dir *d, uint32_t win)
{
	return d->win_scale > 0 ? (int64_t)win << d->win_scale : (int64_t)win;
}

/* Acknowledges the other direction's segments up to ack; the RTT sample, or -1. */
static int64_t take_acked(struct tcpanal_dir *r, uint32_t ack, int64_t now)
{
	int64_t rtt = -1;
	int i, k = 0;

	for (i = 0; i < r->nsegs; i++) {
		struct tcpanal_unacked *u = &r->segs[i];

		if (ack == u->nextseq) {
			/* the oldest copy: Wireshark's choice; 0 is two stamps of one clock tick, no sample */
			if (rtt < 0 && now > u->ts)
				rtt = now - u->ts;
			continue;
		}
		if (SEQ_GT(ack, u->seq) && SEQ_LT(ack, u->nextseq))
			u->seq = ack;	/* partly acknowledged: keep the rest */
		if (SEQ_GT(u->nextseq, ack))
			r->segs[k++] = *u;
	}
	r->nsegs = k;
	return rtt;
}

static void remember(struct tcpanal_dir *f, uint32_t seq, uint32_t nextseq, int64_t now)
{
	if (f->nsegs == TCPANAL_MAX_SEGS)
		return;		/* too many in flight: no RTT for this one */
	if (f->nsegs == f->segs_cap) {
		/* most connections have a few segments in flight: grow as needed */
		f->segs_cap = f->segs_cap ? f->segs_cap * 2 : 8;
		if (f->segs_cap > TCPANAL_MAX_SEGS)
			f->segs_cap = TCPANAL_MAX_SEGS;
		f->segs = xreallocarray(f->segs, (size_t)f->segs_cap, sizeof(*f->segs));
	}
	f->segs[f->nsegs].seq = seq;
	f->segs[f->nsegs].nextseq = nextseq;
	f->segs[f->nsegs].ts = now;
	f->nsegs++;
}

/*
 * Which kind of retransmission (or out-of-order) a data, SYN or FIN segment
 * is: spurious first, then fast, then out-of-order, then plain (Wireshark's
 * order with its default "fast retransmission precedence").
 */
static unsigned retrans_kind(const struct tcpanal *a, const struct tcpanal_dir *f,
			     const struct tcpanal_dir *r, const struct tcpanal_seg *s,
			     uint32_t nextseq, int64_t now, int64_t *rto)
{
	int64_t ooo_thres = a->first_rtt_us ? a->first_rtt_us : OOO_DEFAULT_US;
	int behind = f->have_next && SEQ_LT(s->seq, f->nextseq);

	/* more than one new byte right after a possible zero window probe: new data */
	if (s->len > 1 && f->have_next && f->nextseq - 1 == s->seq)
		behind = 0;
	if (s->len > 0 && r->lastack && SEQ_LE(s->seq + s->len, r->lastack))
		return TA_RETRANS | TA_SPURIOUS;
	if (behind && r->dupacknum >= 2 && r->lastack == s->seq &&
	    now - r->lastack_ts < FAST_RETRANS_US)
		return TA_RETRANS | TA_FAST_RETRANS;
	if (behind && now - f->nextseq_ts < ooo_thres && f->nextseq != nextseq)
		return TA_OOO;
	if (!behind)
		return 0;
	/* time since the oldest segment still unacknowledged, else since the highest one */
	*rto = f->nsegs ? now - f->segs[0].ts : now - f->nextseq_ts;
	return TA_RETRANS;
}

void tcpanal_packet(struct tcpanal *a, int dir, const struct tcpanal_seg *s, int64_t now,
		    struct tcpanal_result *res)
{
	struct tcpanal_dir *f = &a->d[dir], *r = &a->d[dir ^ 1];
	uint8_t fl = s->flags;
	int syn = !!(fl & NET_TH_SYN), fin = !!(fl & NET_TH_FIN);
	int ctl = fl & (NET_TH_SYN | NET_TH_FIN | NET_TH_RST);
	uint32_t nextseq = s->seq + s->len + (uint32_t)(syn || fin);
	int same_ack = s->len == 0 && f->have_next && s->seq == f->nextseq &&
		       s->ack == f->lastack && !ctl;
	unsigned ta = 0;

	res->ack_rtt_us = -1;
	res->rto_us = 0;
	res->dupack_num = 0;
	if (syn) {
		note_wscale(a, dir, s);
		if (!(fl & NET_TH_ACK)) {
			a->syn_ts = now;
			a->syn_seen = 1;
		} else {
			a->synack_seen = 1;
		}
	} else if ((fl & NET_TH_ACK) && a->synack_seen && !a->first_rtt_us && a->syn_seen &&
		   r->have_next && s->ack == r->nextseq) {
		a->first_rtt_us = now - a->syn_ts;	/* SYN to the handshake's ACK */
	}
	res->window = syn ? s->win : scaled(f, s->win);

	if (s->len == 1 && f->have_next && s->seq == f->nextseq && r->have_next &&
	    r->window == 0) {
		ta |= TA_ZWP;
		goto finished_fwd;
	}
	if (s->win == 0 && !ctl)
		ta |= TA_ZERO_WIN;
	if (f->have_next && SEQ_GT(s->seq, f->nextseq) && !(fl & NET_TH_RST))
		ta |= TA_LOST;
	if (s->len <= 1 && f->have_next && s->seq == f->nextseq - 1 && !ctl)
		ta |= TA_KEEPALIVE;
	if (same_ack && s->win && s->win != f->window)
		ta |= TA_WIN_UPDATE;
	if (s->len > 0 && r->win_scale != -1 && r->have_next && !ctl &&
	    s->seq + s->len == r->lastack + (uint32_t)(r->win_from_syn ? r->window
							: scaled(r, r->window)))
		ta |= TA_WIN_FULL;
	if (same_ack && s->win && s->win == f->window && (r->lastflags & TA_KEEPALIVE)) {
		ta |= TA_KEEPALIVE_ACK;
		goto finished_fwd;
	}
	if (same_ack && s->win == 0 && f->window == 0 && (r->lastflags & TA_ZWP)) {
		ta |= TA_ZWP_ACK;
		goto finished_fwd;
	}
	if (same_ack && s->win && s->win == f->window) {
		f->dupacknum = f->dupacknum < 0 ? 1 : f->dupacknum + 1;
		ta |= TA_DUPACK;
		res->dupack_num = (unsigned)f->dupacknum;
	}
finished_fwd:
	if (s->ack != f->lastack)
		f->dupacknum = 0;

	if ((fl & NET_TH_ACK) && r->maxseqtobeacked && SEQ_GT(s->ack, r->maxseqtobeacked)) {
		ta |= TA_ACK_UNSEEN;
		r->maxseqtobeacked = r->nextseq;	/* not again for the same hole */
	}
	if ((s->len > 0 || syn || fin) && !(ta & TA_KEEPALIVE))
		ta |= retrans_kind(a, f, r, s, nextseq, now, &res->rto_us);

	if ((s->len > 0 || syn || fin))
		remember(f, s->seq, nextseq, now);
	if ((!f->have_next || SEQ_GT(nextseq, f->nextseq)) && !(ta & TA_ZWP)) {
		f->nextseq = nextseq;
		f->nextseq_ts = now;
		f->have_next = 1;
	}
	if ((!f->maxseqtobeacked || s->seq == f->maxseqtobeacked) && !(ta & TA_ZWP))
		f->maxseqtobeacked = f->nextseq;
	f->window = s->win;
	f->win_from_syn = syn;
	f->lastack = s->ack;
	f->lastack_ts = now;
	f->lastflags = ta;
	res->ack_rtt_us = take_acked(r, s->ack, now);
	res->flags = ta;
}
