/* SPDX-License-Identifier: MIT */
#include "mail/qtable.h"

#include <string.h>

void qtable_init(struct qtable *t)
{
	memset(t, 0, sizeof(*t));
	hashtab_init(&t->recs, sizeof(struct qrec));
}

void qtable_release(struct qtable *t)
{
	hashtab_release(&t->recs);
}

/* The lookup key: qrec's id and length, compared in place. */
struct qkey {
	const char *id;
	size_t len;
};

static inline int rec_has_id(const void *entry, const void *key)
{
	const struct qrec *r = entry;
	const struct qkey *k = key;

	return r->id_len == k->len && hash_bytes_equal(r->id, k->id, k->len);
}

static struct qrec *find_hashed(const struct qtable *t, const struct qkey *k, uint64_t h)
{
	return hashtab_find(&t->recs, h, k, rec_has_id);
}

struct qrec *qtable_find(const struct qtable *t, const char *id, size_t len)
{
	struct qkey k = { id, len };

	if (!t->recs.count || len > QTABLE_ID_MAX)
		return NULL;
	return find_hashed(t, &k, hashtab_hash(&t->recs, id, len));
}

struct qrec *qtable_get(struct qtable *t, const char *id, size_t len)
{
	struct qkey k = { id, len > QTABLE_ID_MAX ? QTABLE_ID_MAX : len };
	uint64_t h = hashtab_hash(&t->recs, id, k.len);
	struct qrec *r;

	if ((r = find_hashed(t, &k, h)))
		return r;
	r = hashtab_add(&t->recs, h);
	memcpy(r->id, id, k.len);
	r->id_len = (uint8_t)k.len;
	if (t->recs.count > t->peak)
		t->peak = t->recs.count;
	return r;
}

void qtable_remove(struct qtable *t, struct qrec *r)
{
	hashtab_remove(&t->recs, r);
}

/* qtable_sweep's test, called through the core table's sweep */
struct rec_sweep {
	int (*drop)(const struct qrec *r, void *ctx);
	void *ctx;
};

static int drop_rec(const void *entry, void *ctx)
{
	const struct rec_sweep *s = ctx;

	return s->drop(entry, s->ctx);
}

size_t qtable_sweep(struct qtable *t, int (*drop)(const struct qrec *r, void *ctx), void *ctx)
{
	struct rec_sweep s = { drop, ctx };

	return hashtab_sweep(&t->recs, drop_rec, &s);
}

/* ---- ids of messages gone, for pflogsumm's reading of reused ids ---- */

#define US_PER_MINUTE (60LL * 1000000)

struct gone_id {
	uint64_t key;		/* qhist_key() */
	uint32_t size;
	int32_t minute;		/* when kept, in minutes of log time */
};

void qhist_init(struct qid_history *h)
{
	hashtab_init(&h->ids, sizeof(struct gone_id));
}

void qhist_release(struct qid_history *h)
{
	hashtab_release(&h->ids);
}

/* Eight hex digits (first one in the lowest byte) -> their value, without a loop. */
static uint32_t hex8(const char *p)
{
	uint64_t w, x;

	memcpy(&w, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	/* '0'-'9' -> 0-9, 'A'-'F' -> 10-15: the low nibble, plus 9 for letters (bit 6) */
	x = (w & 0x0f0f0f0f0f0f0f0fULL) + ((w >> 6) & 0x0101010101010101ULL) * 9;
	/* pairs of bytes, then pairs of those: the first digit ends up highest */
	x = ((x & 0x000f000f000f000fULL) << 4) | ((x & 0x0f000f000f000f00ULL) >> 8);
	x = ((x & 0x000000ff000000ffULL) << 8) | ((x & 0x00ff000000ff0000ULL) >> 16);
	return (uint32_t)(((x & 0xffff) << 16) | (x >> 32));
}

uint64_t qhist_key(const char *id, size_t len)
{
	char buf[16];

	if (len < 5 || len > 15)
		return 0;
	/* right-aligned after leading zeros: the value is the id's; the length keeps "0A" apart from "A" */
	memset(buf, '0', sizeof(buf));
	memcpy(buf + sizeof(buf) - len, id, len);
	return (uint64_t)len << 60 | (uint64_t)hex8(buf) << 32 | hex8(buf + 8);
}

static inline int gone_has_key(const void *entry, const void *key)
{
	return ((const struct gone_id *)entry)->key == *(const uint64_t *)key;
}

static int gone_before(const void *entry, void *oldest)
{
	return ((const struct gone_id *)entry)->minute < *(const int32_t *)oldest;
}

void qhist_put(struct qid_history *h, uint64_t key, uint32_t size, int64_t t_us)
{
	int32_t minute = (int32_t)(t_us / US_PER_MINUTE);
	uint64_t hv;
	struct gone_id *g;

	if (!key)
		return;
	hv = hashtab_hash(&h->ids, &key, sizeof(key));
	if (!(g = hashtab_find(&h->ids, hv, &key, gone_has_key))) {
		if ((h->ids.count + 1) * 2 > h->ids.cap) {
			/*
			 * Where the table would grow, first forget what is older than
			 * the window; then leave it at most an eighth full, so that
			 * sweeps are rare and memory follows the window, not the log.
			 */
			int32_t oldest = minute - (int32_t)(QHIST_KEEP_US / US_PER_MINUTE);

			hashtab_sweep(&h->ids, gone_before, &oldest);
			hashtab_reserve(&h->ids, h->ids.count * 4 + 1);
		}
		g = hashtab_add(&h->ids, hv);
		g->key = key;
	}
	g->size = size;
	g->minute = minute;
}

int qhist_get(const struct qid_history *h, uint64_t key, int64_t t_us, uint32_t *size)
{
	const struct gone_id *g;

	if (!h->ids.count || !key)
		return 0;
	g = hashtab_find(&h->ids, hashtab_hash(&h->ids, &key, sizeof(key)), &key, gone_has_key);
	/* kept longer than the window only until the next sweep: the answer must not depend on that */
	if (!g || t_us - (int64_t)g->minute * US_PER_MINUTE > QHIST_KEEP_US + US_PER_MINUTE)
		return 0;
	*size = g->size;
	return 1;
}
