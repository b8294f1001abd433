/* SPDX-License-Identifier: MIT */
/* Conversation table and TCP analysis: see conv.h. */
#include "flow/conv.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hashtab.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#define KEY_LEN 38		/* af, proto, 2 x (16-byte address, 2-byte port) */
#define SLAB_CONVS 1024
#define CACHE_LINE 64
#define MAX_HOLES 32		/* per direction; past that the lowest hole is given up as lost */

struct conv_hole {
	int64_t start, end;	/* offsets [start, end) */
	int64_t opened_us;	/* when the segment above it arrived */
};

enum { LIST_TCP, LIST_UDP, LIST_CLOSED, NLISTS };

/* Conversations start on a cache line (struct conv): a slab is aligned by hand. */
struct conv_slab {
	struct conv convs[SLAB_CONVS];
	void *block;		/* what was allocated */
	struct conv_slab *next;
};

struct conv_list {
	struct conv *head, *tail;
};

struct conv_table {
	struct conv_table_opts o;
	struct hashtab convs;	/* of struct conv *, by key */
	size_t count, peak;
	uint64_t next_id;
	struct conv_slab *slabs;
	struct conv *free_list;
	struct conv_list lists[NLISTS];
};

/* ---- keys and hashing ---- */

/*
 * Canonical key: the lower (address, port) endpoint first, so both
 * directions match. Returns 1 when the packet's source is that first endpoint.
 */
static int make_key(uint8_t *k, const struct net_packet *p, uint8_t proto)
{
	const uint8_t *a = p->src, *b = p->dst;
	uint16_t pa = p->sport, pb = p->dport;
	int cmp = memcmp(a, b, 16), src_first = 1;

	if (cmp > 0 || (cmp == 0 && pa > pb)) {
		src_first = 0;
		const uint8_t *x = a;
		uint16_t px = pa;

		a = b;
		b = x;
		pa = pb;
		pb = px;
	}
	memset(k, 0, KEY_LEN);
	k[0] = (uint8_t)p->addr_len;
	k[1] = proto;
	memcpy(k + 2, a, 16);
	memcpy(k + 18, b, 16);
	k[34] = (uint8_t)(pa >> 8);
	k[35] = (uint8_t)pa;
	k[36] = (uint8_t)(pb >> 8);
	k[37] = (uint8_t)pb;
	return src_first;
}

/* ---- lists ---- */

static void list_remove(struct conv_table *t, struct conv *c)
{
	struct conv_list *l = &t->lists[c->list];

	if (c->prev)
		c->prev->next = c->next;
	else
		l->head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	else
		l->tail = c->prev;
	c->prev = c->next = NULL;
}

static void list_append(struct conv_table *t, struct conv *c, int list)
{
	struct conv_list *l = &t->lists[list];

	c->list = list;
	c->next = NULL;
	c->prev = l->tail;
	if (l->tail)
		l->tail->next = c;
	else
		l->head = c;
	l->tail = c;
}

/* ---- hash table ---- */

static inline int conv_has_key(const void *entry, const void *key)
{
	return hash_bytes_equal((*(struct conv *const *)entry)->key, key, KEY_LEN);
}

static inline int conv_is(const void *entry, const void *c)
{
	return *(struct conv *const *)entry == c;
}

static struct conv *table_find(const struct conv_table *t, const uint8_t *key, uint64_t h)
{
	struct conv **e = hashtab_find(&t->convs, h, key, conv_has_key);

	return e ? *e : NULL;
}

/*
 * Its other cache lines, asked for at once: with thousands of conversations
 * open they are out of cache, and fetched together they cost about one wait
 * instead of one each.
 */
static inline void prefetch_rest(const struct conv *c)
{
	size_t o;

	for (o = CACHE_LINE; o < sizeof(*c); o += CACHE_LINE)
		__builtin_prefetch((const char *)c + o);
}

/* ---- conversation life ---- */

static struct conv *conv_alloc(struct conv_table *t)
{
	struct conv *c;

	if (!t->free_list) {
		void *block = xmalloc(sizeof(struct conv_slab) + CACHE_LINE - 1);
		struct conv_slab *s = (void *)(((uintptr_t)block + CACHE_LINE - 1) & ~(uintptr_t)(CACHE_LINE - 1));
		int i;

		s->block = block;
		s->next = t->slabs;
		t->slabs = s;
		for (i = SLAB_CONVS - 1; i >= 0; i--) {
			s->convs[i].next = t->free_list;
			t->free_list = &s->convs[i];
		}
	}
	c = t->free_list;
	t->free_list = c->next;
	memset(c, 0, sizeof(*c));
	return c;
}

static void finalize(struct conv *c)
{
	struct conv_summary *s = &c->s;
	int d, i;

	for (d = 0; d < 2; d++) {
		struct conv_seq *q = &c->seq[d];

		for (i = 0; i < q->nholes; i++) {
			s->dir[d].lost++;
			s->dir[d].lost_bytes += (uint64_t)(q->holes[i].end - q->holes[i].start);
		}
		s->isn[d] = q->base;
	}
	if (s->proto != 6) {
		s->state = CONV_UDP;
		return;
	}
	s->mid_stream = !c->syn_count && !c->synack_seen;
	if (s->state == CONV_RESET)
		return;		/* decided when the RST arrived */
	if (s->mid_stream)
		s->state = CONV_MIDSTREAM;
	else if (!s->handshake)
		s->state = CONV_HALF_OPEN;
	else if (c->seq[0].fin && c->seq[1].fin)
		s->state = CONV_COMPLETE;
	else
		s->state = CONV_OPEN;
}

static void conv_end(struct conv_table *t, struct conv *c, enum conv_end_reason why)
{
	finalize(c);
	if (t->o.on_end)
		t->o.on_end(t->o.ctx, c, why);
	list_remove(t, c);
	hashtab_remove(&t->convs, hashtab_find(&t->convs, c->hash, c, conv_is));
	free(c->seq[0].holes);
	free(c->seq[1].holes);
	t->count--;
	c->next = t->free_list;
	t->free_list = c;
}

static void expire(struct conv_table *t, int64_t now)
{
	int l;

	for (l = 0; l < NLISTS; l++) {
		int64_t limit = l == LIST_CLOSED ? t->o.linger_us : t->o.idle_us;
		struct conv *c;

		while ((c = t->lists[l].head) && now - c->s.last_us > limit)
			conv_end(t, c, l == LIST_CLOSED ? CONV_END_CLOSED : CONV_END_IDLE);
	}
}

static void evict_one(struct conv_table *t)
{
	struct conv *victim = NULL;
	int l;

	for (l = 0; l < NLISTS; l++) {
		struct conv *c = t->lists[l].head;

		if (c && (!victim || c->s.last_us < victim->s.last_us))
			victim = c;
	}
	if (victim)
		conv_end(t, victim, victim->closed ? CONV_END_CLOSED : CONV_END_EVICTED);
}

static struct conv *conv_create(struct conv_table *t, const uint8_t *key, uint64_t h, int src_first,
				const struct net_packet *p, uint8_t proto, int64_t now)
{
	struct conv *c;
	int src_is_client = 1;

	if (t->count >= t->o.max_open)
		evict_one(t);
	c = conv_alloc(t);
	memcpy(c->key, key, KEY_LEN);
	c->hash = h;
	c->s.id = t->next_id++;
	c->s.proto = proto;
	c->s.af = p->addr_len == 16 ? 6 : 4;
	c->s.nencap = p->nencap < CONV_MAX_ENCAP ? p->nencap : CONV_MAX_ENCAP;
	memcpy(c->s.encap, p->encap, (size_t)c->s.nencap * sizeof(c->s.encap[0]));
	c->s.first_us = c->s.last_us = now;
	c->s.close_dir = -1;
	c->s.rtt_client_us = c->s.rtt_server_us = -1;
	if (proto == 6) {
		uint8_t f = p->tcp.flags;

		if ((f & NET_TH_SYN) && (f & NET_TH_ACK))
			src_is_client = 0;
		else if (!(f & NET_TH_SYN) && p->sport != p->dport)
			src_is_client = p->sport > p->dport;	/* the server has the lower port */
	}
	/* both ends the same (a packet to itself): every packet counts as the client's */
	c->key_client = (uint8_t)(src_is_client == src_first ||
				  (p->sport == p->dport && !memcmp(p->src, p->dst, 16)));
	memcpy(c->s.addr[0], src_is_client ? p->src : p->dst, (size_t)p->addr_len);
	memcpy(c->s.addr[1], src_is_client ? p->dst : p->src, (size_t)p->addr_len);
	c->s.port[0] = src_is_client ? p->sport : p->dport;
	c->s.port[1] = src_is_client ? p->dport : p->sport;
	*(struct conv **)hashtab_add(&t->convs, h) = c;
	list_append(t, c, proto == 6 ? LIST_TCP : LIST_UDP);
	t->count++;
	if (t->count > t->peak)
		t->peak = t->count;
	return c;
}

/* ---- TCP sequence space ---- */

/* Offset of raw sequence number `seq`, taken as the one nearest the highest offset seen. */
static inline int64_t seq_offset(const struct conv_seq *q, uint32_t seq)
{
	uint32_t rel = seq - q->base, cur = (uint32_t)q->hi;

	return q->hi + (int32_t)(rel - cur);
}

static void seq_set_base(struct conv_seq *q, uint32_t base)
{
	q->base = base;
	q->have_base = 1;
	q->hi = 1;
	q->data_start = 1;
}

static void hole_add(struct conv_seq *q, struct conv_dir *st, int64_t start, int64_t end,
		     int64_t now)
{
	if (!q->holes)
		q->holes = xmalloc(MAX_HOLES * sizeof(*q->holes));
	if (q->nholes == MAX_HOLES) {
		/* too many: the lowest one is given up as lost for good */
		st->lost++;
		st->lost_bytes += (uint64_t)(q->holes[0].end - q->holes[0].start);
		memmove(q->holes, q->holes + 1, (MAX_HOLES - 1) * sizeof(*q->holes));
		q->nholes--;
	}
	/* holes open at the top of the seen range, so they arrive in order */
	q->holes[q->nholes].start = start;
	q->holes[q->nholes].end = end;
	q->holes[q->nholes].opened_us = now;
	q->nholes++;
}

/*
 * Removes [s, e) from the holes. Returns the number of bytes that were
 * missing, and in *opened the time the earliest touched hole opened.
 */
static int64_t holes_fill(struct conv_seq *q, int64_t s, int64_t e, int64_t *opened)
{
	int64_t filled = 0;
	int i = 0;

	while (i < q->nholes) {
		struct conv_hole *h = &q->holes[i];
		int64_t a = s > h->start ? s : h->start, b = e < h->end ? e : h->end;

		if (a >= b) {
			i++;
			continue;
		}
		if (!filled)
			*opened = h->opened_us;
		filled += b - a;
		if (a == h->start && b == h->end) {
			memmove(h, h + 1, (size_t)(q->nholes - i - 1) * sizeof(*h));
			q->nholes--;
		} else if (a == h->start) {
			h->start = b;
			i++;
		} else if (b == h->end) {
			h->end = a;
			i++;
		} else {
			/* the fill splits the hole in two */
			if (q->nholes == MAX_HOLES) {
				h->end = a;	/* no room: keep the lower part only */
				i++;
				continue;
			}
			memmove(h + 1, h, (size_t)(q->nholes - i) * sizeof(*h));
			q->nholes++;
			h->end = a;
			h[1].start = b;
			i += 2;
		}
	}
	return filled;
}

static void tcp_packet(struct conv *c, const struct net_packet *p, int dir, int64_t now,
		       struct conv_table *t, struct conv_pkt *r)
{
	const struct net_tcp *th = &p->tcp;
	struct conv_seq *sd = &c->seq[dir], *so = &c->seq[dir ^ 1];
	struct conv_dir *st = &c->s.dir[dir];
	uint8_t fl = th->flags;
	int syn = !!(fl & NET_TH_SYN), fin = !!(fl & NET_TH_FIN), rst = !!(fl & NET_TH_RST);
	int ack = !!(fl & NET_TH_ACK);
	int64_t seglen = (int64_t)p->payload_len + syn + fin, s, e;

	if (syn && !sd->syn) {
		sd->syn = 1;
		if (!sd->have_base) {
			seq_set_base(sd, th->seq);
			sd->hi = 0;
		}
	}
	if (!sd->have_base)
		seq_set_base(sd, th->seq - 1);
	s = seq_offset(sd, th->seq);
	e = s + seglen;
	r->rel_seq = s;

	if (seglen > 0) {
		int64_t old_hi = sd->hi;

		if (s >= sd->hi) {
			if (s > sd->hi) {
				hole_add(sd, st, sd->hi, s, now);
				r->flags |= CONV_F_HOLE;
				r->hole = s - sd->hi;
				st->holes++;
			}
			sd->hi = e;
		} else {
			int64_t opened = 0, thr;
			int64_t filled = holes_fill(sd, s, e < sd->hi ? e : sd->hi, &opened);

			thr = c->s.rtt_client_us >= 0 && c->s.rtt_server_us >= 0
				? c->s.rtt_client_us + c->s.rtt_server_us : t->o.ooo_default_us;
			if (filled)
				r->flags |= now - opened < thr ? CONV_F_OOO : CONV_F_RETRANS;
			else if (p->payload_len <= 1 && !syn && !fin && !rst && e == sd->hi)
				r->flags |= CONV_F_KEEPALIVE;
			else
				r->flags |= CONV_F_RETRANS;
			if (e > sd->hi)
				sd->hi = e;
		}
		if (p->payload_len == 1 && s == old_hi && so->win_known && so->win == 0)
			r->flags |= CONV_F_WIN_FULL;
	} else if (!syn && !fin && !rst && sd->hi > 1 && s == sd->hi - 1) {
		/* an empty segment one below the next byte: a keep-alive (Linux sends these) */
		r->flags |= CONV_F_KEEPALIVE;
	}

	if (ack && !syn && !fin && !rst && th->win == 0) {
		r->flags |= CONV_F_ZERO_WIN;
		st->zero_win++;
	}
	if (!rst) {
		sd->win = th->win;
		sd->win_known = 1;
	}
	if (r->flags & CONV_F_RETRANS)
		st->retrans++;
	if (r->flags & CONV_F_OOO)
		st->ooo++;
	if (r->flags & CONV_F_KEEPALIVE)
		st->keepalive++;

	/* handshake */
	if (syn && !ack) {
		if (c->syn_count++)
			c->s.syn_retrans++;
		if (!c->synack_seen)
			c->syn_us = now;
	} else if (syn && ack) {
		if (!c->synack_seen) {
			c->synack_seen = 1;
			if (c->syn_count)
				c->s.rtt_server_us = now - c->syn_us;
		}
		if (!c->s.handshake)
			c->synack_us = now;
		if (!so->have_base)
			seq_set_base(so, th->ack - 1);	/* the SYN-ACK acknowledges ISN + 1 */
	} else if (ack && !rst && dir == 0 && c->synack_seen && !c->s.handshake &&
		   so->syn && seq_offset(so, th->ack) >= 1) {
		c->s.handshake = 1;
		c->s.rtt_client_us = now - c->synack_us;
	}
	/* SYN and data both ways without the SYN-ACK captured: established all the same */
	if (!c->s.handshake && c->syn_count && ack && !syn && !rst &&
	    c->s.dir[0].packets && c->s.dir[1].packets && (c->s.dir[0].payload || c->s.dir[1].payload))
		c->s.handshake = 1;

	r->has_ack = ack && so->have_base;
	if (r->has_ack)
		r->rel_ack = seq_offset(so, th->ack);

	if (fin && !sd->fin) {
		sd->fin = 1;
		if (c->s.close_dir < 0)
			c->s.close_dir = dir;
	}
	if (rst) {
		if (c->s.close_dir < 0) {
			c->s.close_dir = dir;
			c->s.close_rst = 1;
		}
		if (!(c->seq[0].fin && c->seq[1].fin))
			c->s.state = CONV_RESET;
	}
	if (!c->closed && (rst || (c->seq[0].fin && c->seq[1].fin))) {
		c->closed = 1;
		list_remove(t, c);
		list_append(t, c, LIST_CLOSED);
	}
}

/* ---- public ---- */

struct conv_table *conv_table_new(const struct conv_table_opts *o)
{
	struct conv_table *t = xcalloc(1, sizeof(*t));

	t->o = *o;
	if (!t->o.idle_us)
		t->o.idle_us = 600 * TIME_US_PER_SEC;
	if (!t->o.linger_us)
		t->o.linger_us = 60 * TIME_US_PER_SEC;
	if (!t->o.max_open)
		t->o.max_open = 1000000;
	if (!t->o.ooo_default_us)
		t->o.ooo_default_us = 3000;
	hashtab_init(&t->convs, sizeof(struct conv *));
	return t;
}

void conv_table_free(struct conv_table *t)
{
	struct conv_slab *s, *n;
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->convs.cap; i++) {
		struct conv **e = hashtab_at(&t->convs, i);

		if (e) {
			free((*e)->seq[0].holes);
			free((*e)->seq[1].holes);
		}
	}
	for (s = t->slabs; s; s = n) {
		n = s->next;
		free(s->block);
	}
	hashtab_release(&t->convs);
	free(t);
}

struct conv *conv_table_packet(struct conv_table *t, const struct net_packet *p, int64_t ts_us,
			       uint32_t wirelen, struct conv_pkt *r)
{
	uint8_t key[KEY_LEN], proto;
	uint64_t h;
	struct conv *c;
	int dir, src_first;

	memset(r, 0, sizeof(*r));
	if (p->l4 == NET_L4_TCP)
		proto = 6;
	else if (p->l4 == NET_L4_UDP)
		proto = 17;
	else
		return NULL;
	expire(t, ts_us);
	src_first = make_key(key, p, proto);
	h = hashtab_hash(&t->convs, key, KEY_LEN);
	c = table_find(t, key, h);
	if (c)
		prefetch_rest(c);
	if (c && proto == 6 && (p->tcp.flags & (NET_TH_SYN | NET_TH_ACK)) == NET_TH_SYN) {
		/* a SYN opens a new connection on these ports unless it repeats the one we know */
		int d = src_first != c->key_client;

		/*
		 * ...or arrives after its own SYN-ACK (capture order is not wire order:
		 * two interfaces, or time stamps taken on different CPUs)
		 */
		int late = !c->seq[d].syn && c->synack_seen && !c->s.dir[d].packets && !c->closed;

		if (!late && (!c->seq[d].syn || c->seq[d].base != p->tcp.seq || c->closed)) {
			conv_end(t, c, CONV_END_REUSED);
			c = NULL;
		}
	}
	if (!c) {
		c = conv_create(t, key, h, src_first, p, proto, ts_us);
		r->flags |= CONV_F_NEW;
	} else if (ts_us > c->s.last_us) {
		c->s.last_us = ts_us;
	}
	if (c->next) {
		/* most recently active goes last */
		int l = c->list;

		list_remove(t, c);
		list_append(t, c, l);
	}
	dir = src_first != c->key_client;	/* 0: from the client */
	r->dir = dir;
	r->len = p->payload_len;
	c->s.dir[dir].packets++;
	c->s.dir[dir].bytes += wirelen;
	c->s.dir[dir].payload += p->payload_len;
	if (proto == 6) {
		r->tcp_flags = p->tcp.flags;
		r->win = p->tcp.win;
		tcp_packet(c, p, dir, ts_us, t, r);
	}
	return c;
}

static int by_id(const void *a, const void *b)
{
	const struct conv *x = *(struct conv *const *)a, *y = *(struct conv *const *)b;

	return x->s.id < y->s.id ? -1 : x->s.id > y->s.id;
}

void conv_table_finish(struct conv_table *t)
{
	struct conv **all;
	size_t n = 0, i;

	if (!t->count)
		return;
	all = xreallocarray(NULL, t->count, sizeof(*all));
	for (i = 0; i < t->convs.cap; i++) {
		struct conv **e = hashtab_at(&t->convs, i);

		if (e)
			all[n++] = *e;
	}
	qsort(all, n, sizeof(*all), by_id);
	for (i = 0; i < n; i++)
		conv_end(t, all[i], CONV_END_FINISH);
	free(all);
}

size_t conv_table_open(const struct conv_table *t)
{
	return t->count;
}

size_t conv_table_peak(const struct conv_table *t)
{
	return t->peak;
}

const char *conv_state_name(enum conv_state s)
{
	switch (s) {
	case CONV_UDP: return "udp";
	case CONV_COMPLETE: return "complete";
	case CONV_RESET: return "reset";
	case CONV_HALF_OPEN: return "half-open";
	case CONV_OPEN: return "open";
	case CONV_MIDSTREAM: return "mid-stream";
	}
	return "?";
}

char *conv_addr(const struct conv_summary *s, int side, char *out, size_t size)
{
	if (!inet_ntop(s->af == 6 ? AF_INET6 : AF_INET, s->addr[side], out, (socklen_t)size))
		snprintf(out, size, "?");
	return out;
}

char *conv_endpoint(const struct conv_summary *s, int side, char *out, size_t size)
{
	char a[64];

	conv_addr(s, side, a, sizeof(a));
	if (s->af == 6)
		snprintf(out, size, "[%s]:%u", a, s->port[side]);
	else
		snprintf(out, size, "%s:%u", a, s->port[side]);
	return out;
}

size_t conv_path(const struct conv_summary *s, char *out, size_t size)
{
	return net_encap_path(s->encap, s->nencap, s->proto, out, size);
}
