/* SPDX-License-Identifier: MIT */
/* IP fragment reassembly with Linux's bounds: see ipfrag.h. */
#include "net/ipfrag.h"

#include <stdlib.h>
#include <string.h>

#include "core/hashtab.h"
#include "core/xalloc.h"

#define KEY_LEN 37		/* version, source, destination, identification */
#define MAX_DATAGRAM 65535	/* IPv4 total length; IPv6 payload length */
#define PIECE_OVERHEAD 64	/* what a piece costs beyond its bytes (allocator included) */

struct piece {
	uint32_t off, len;
	uint8_t *data;
};

struct dgram {
	uint8_t key[KEY_LEN];
	int version;
	int64_t first_us;
	uint64_t hash;			/* of key, in the index */
	struct dgram *older, *newer;	/* age list */
	uint8_t *hdr;			/* unfragmentable part, from the first fragment */
	uint32_t hdrlen, nxt_off;
	uint8_t nxt;			/* IPv6: the next header after the fragment header */
	uint32_t total;			/* datagram data length, once the last fragment came */
	int have_last;
	uint32_t have;			/* bytes held (pieces never overlap) */
	struct piece *pieces;		/* sorted by offset */
	int npieces, cap;
	size_t mem;
};

struct ipfrag {
	struct ipfrag_opts o;
	struct hashtab index;		/* of struct dgram *, by key */
	struct dgram *oldest, *newest;
	size_t mem;
	struct ipfrag_stats st;
	uint8_t *out;
	size_t out_cap;
};

struct ipfrag *ipfrag_new(const struct ipfrag_opts *o)
{
	struct ipfrag *f = xcalloc(1, sizeof(*f));

	if (o)
		f->o = *o;
	if (!f->o.timeout_us)
		f->o.timeout_us = 30 * 1000000LL;
	if (!f->o.high_thresh)
		f->o.high_thresh = 4 << 20;
	if (!f->o.low_thresh || f->o.low_thresh > f->o.high_thresh)
		f->o.low_thresh = f->o.high_thresh / 4 * 3;
	/* keyed per process: a capture crafted to collide cannot make lookups linear */
	hashtab_init(&f->index, sizeof(struct dgram *));
	return f;
}

static inline int dgram_has_key(const void *entry, const void *key)
{
	return hash_bytes_equal((*(struct dgram *const *)entry)->key, key, KEY_LEN);
}

static inline int dgram_is(const void *entry, const void *d)
{
	return *(struct dgram *const *)entry == d;
}

static void dgram_drop(struct ipfrag *f, struct dgram *d)
{
	int i;

	hashtab_remove(&f->index, hashtab_find(&f->index, d->hash, d, dgram_is));
	if (d->older)
		d->older->newer = d->newer;
	else
		f->oldest = d->newer;
	if (d->newer)
		d->newer->older = d->older;
	else
		f->newest = d->older;
	f->mem -= d->mem;
	for (i = 0; i < d->npieces; i++)
		free(d->pieces[i].data);
	free(d->pieces);
	free(d->hdr);
	free(d);
}

void ipfrag_free(struct ipfrag *f)
{
	if (!f)
		return;
	while (f->oldest)
		dgram_drop(f, f->oldest);
	hashtab_release(&f->index);
	free(f->out);
	free(f);
}

void ipfrag_finish(struct ipfrag *f)
{
	while (f->oldest) {
		f->st.incomplete++;
		dgram_drop(f, f->oldest);
	}
}

const struct ipfrag_stats *ipfrag_stats(const struct ipfrag *f)
{
	return &f->st;
}

static void make_key(uint8_t *k, const struct net_packet *p)
{
	memset(k, 0, KEY_LEN);
	k[0] = (uint8_t)p->addr_len;
	memcpy(k + 1, p->l3 == NET_L3_IPV4 ? p->ip4.src : p->ip6.src, (size_t)p->addr_len);
	memcpy(k + 17, p->l3 == NET_L3_IPV4 ? p->ip4.dst : p->ip6.dst, (size_t)p->addr_len);
	memcpy(k + 33, &p->frag.id, 4);
}

static struct dgram *dgram_get(struct ipfrag *f, const struct net_packet *p, int64_t now)
{
	uint8_t k[KEY_LEN];
	uint64_t h;
	struct dgram *d, **e;

	make_key(k, p);
	h = hashtab_hash(&f->index, k, KEY_LEN);
	if ((e = hashtab_find(&f->index, h, k, dgram_has_key)))
		return *e;
	d = xcalloc(1, sizeof(*d));
	memcpy(d->key, k, KEY_LEN);
	d->hash = h;
	*(struct dgram **)hashtab_add(&f->index, h) = d;
	d->version = p->l3 == NET_L3_IPV4 ? 4 : 6;
	d->first_us = now;
	d->older = f->newest;
	if (f->newest)
		f->newest->newer = d;
	else
		f->oldest = d;
	f->newest = d;
	d->mem = sizeof(*d);
	f->mem += d->mem;
	return d;
}

static void account(struct ipfrag *f, struct dgram *d, size_t n)
{
	d->mem += n;
	f->mem += n;
	if (f->mem > f->st.peak_bytes)
		f->st.peak_bytes = f->mem;
}

/* Builds the whole datagram in f->out. */
static uint32_t assemble(struct ipfrag *f, struct dgram *d)
{
	uint32_t len = d->hdrlen + d->total;
	int i;

	if (f->out_cap < len) {
		f->out = xrealloc(f->out, len);
		f->out_cap = len;
	}
	memcpy(f->out, d->hdr, d->hdrlen);
	for (i = 0; i < d->npieces; i++)
		memcpy(f->out + d->hdrlen + d->pieces[i].off, d->pieces[i].data, d->pieces[i].len);
	if (d->version == 4) {
		f->out[2] = (uint8_t)(len >> 8);
		f->out[3] = (uint8_t)len;
		f->out[6] &= 0x40;	/* keep DF; no MF, offset 0 */
		f->out[7] = 0;
	} else {
		uint32_t plen = len - 40;

		f->out[4] = (uint8_t)(plen >> 8);
		f->out[5] = (uint8_t)plen;
		f->out[d->nxt_off] = d->nxt;
	}
	return len;
}

int ipfrag_add(struct ipfrag *f, const struct net_packet *p, int64_t now,
	       const uint8_t **dgram, uint32_t *len)
{
	const struct net_frag *fr = &p->frag;
	uint32_t data_at = fr->hdrlen + (p->l3 == NET_L3_IPV6 ? 8 : 0);
	uint32_t end = fr->offset + fr->data_len, lo, hi, mid;
	struct dgram *d;
	struct piece *pc;

	f->st.fragments++;
	/* datagrams too old go first (times are capture times) */
	while (f->oldest && now - f->oldest->first_us > f->o.timeout_us) {
		f->st.timed_out++;
		dgram_drop(f, f->oldest);
	}
	if (!p->fragment || (p->l3 != NET_L3_IPV4 && p->l3 != NET_L3_IPV6) ||
	    (uint64_t)data_at + fr->data_len > fr->ip_caplen ||	/* not wholly captured */
	    end > MAX_DATAGRAM - (p->l3 == NET_L3_IPV4 ? fr->hdrlen : fr->hdrlen - 40) ||
	    (fr->more && (fr->data_len == 0 || fr->data_len % 8)) ||
	    (p->l3 == NET_L3_IPV6 && fr->nxt_off >= fr->hdrlen)) {
		f->st.bad++;
		return 0;
	}
	d = dgram_get(f, p, now);
	if (d->version != (p->l3 == NET_L3_IPV4 ? 4 : 6)) {
		f->st.bad++;
		return 0;
	}
	if (!fr->more) {
		if ((d->have_last && d->total != end) || (d->npieces &&
		    d->pieces[d->npieces - 1].off + d->pieces[d->npieces - 1].len > end)) {
			f->st.bad++;
			f->st.inconsistent++;
			dgram_drop(f, d);
			return 0;
		}
	} else if (d->have_last && end > d->total) {
		f->st.bad++;
		f->st.inconsistent++;
		dgram_drop(f, d);
		return 0;
	}
	/* where it goes: the first piece starting at or after it */
	lo = 0;
	hi = (uint32_t)d->npieces;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (d->pieces[mid].off < fr->offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < (uint32_t)d->npieces && d->pieces[lo].off == fr->offset &&
	    d->pieces[lo].len == fr->data_len)
		return 0;	/* an exact duplicate: ignored */
	if ((lo > 0 && d->pieces[lo - 1].off + d->pieces[lo - 1].len > fr->offset) ||
	    (lo < (uint32_t)d->npieces && end > d->pieces[lo].off)) {
		f->st.overlapping++;
		dgram_drop(f, d);
		return 0;
	}
	if (fr->data_len) {
		if (d->npieces == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 4;
			d->pieces = xreallocarray(d->pieces, (size_t)d->cap, sizeof(*d->pieces));
		}
		memmove(d->pieces + lo + 1, d->pieces + lo, (d->npieces - lo) * sizeof(*d->pieces));
		pc = &d->pieces[lo];
		pc->off = fr->offset;
		pc->len = fr->data_len;
		pc->data = xmalloc(fr->data_len);
		memcpy(pc->data, fr->ip + data_at, fr->data_len);
		d->npieces++;
		d->have += fr->data_len;
		account(f, d, fr->data_len + PIECE_OVERHEAD);
	}
	if (!fr->more) {
		d->have_last = 1;
		d->total = end;
	}
	if (fr->offset == 0 && !d->hdr) {
		d->hdr = xmalloc(fr->hdrlen);
		memcpy(d->hdr, fr->ip, fr->hdrlen);
		d->hdrlen = fr->hdrlen;
		d->nxt_off = fr->nxt_off;
		if (p->l3 == NET_L3_IPV6)
			d->nxt = fr->ip[fr->hdrlen];
		account(f, d, fr->hdrlen);
	}
	if (d->hdr && d->have_last && d->have == d->total) {
		*len = assemble(f, d);
		*dgram = f->out;
		f->st.reassembled++;
		dgram_drop(f, d);
		return 1;
	}
	/* over the high mark: the oldest go until under the low mark (never this one) */
	if (f->mem > f->o.high_thresh) {
		while (f->mem > f->o.low_thresh && f->oldest && f->oldest != d) {
			f->st.evicted++;
			dgram_drop(f, f->oldest);
		}
	}
	return 0;
}
