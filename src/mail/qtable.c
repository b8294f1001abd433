/* SPDX-License-Identifier: MIT */
#include "mail/qtable.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

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

size_t qtable_sweep(struct qtable *t, int (*drop)(const struct qrec *r, void *ctx), void *ctx)
{
	size_t i, n = 0;

	/* removal shifts later records back, so look at slot i again after one */
	for (i = 0; i < t->recs.cap;) {
		struct qrec *r = hashtab_at(&t->recs, i);

		if (r && drop(r, ctx)) {
			hashtab_remove(&t->recs, r);
			n++;
			continue;
		}
		i++;
	}
	return n;
}

/* ---- ids of messages gone, for pflogsumm's reading of reused ids ---- */

void qhist_init(struct qid_history *h)
{
	memset(h, 0, sizeof(*h));
}

void qhist_release(struct qid_history *h)
{
	free(h->keys);
	free(h->sizes);
	free(h->minutes);
	free(h->seen);
	memset(h, 0, sizeof(*h));
}

/* The bit of key in h->seen (cap * 2 bits). */
static inline size_t qhist_bit(const struct qid_history *h, uint64_t key)
{
	return (size_t)((key * 0xc2b2ae3d27d4eb4fULL) >> 32) & (h->cap * 2 - 1);
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

static size_t qhist_slot(const struct qid_history *h, uint64_t key)
{
	size_t mask = h->cap - 1, i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask;

	while (h->keys[i] && h->keys[i] != key)
		i = (i + 1) & mask;
	return i;
}

/* Rebuilds the table at `cap` slots with the entries kept after `oldest` (minutes). */
static void qhist_rebuild(struct qid_history *h, size_t cap, int32_t oldest)
{
	struct qid_history n = { xcalloc(cap, sizeof(uint64_t)), xcalloc(cap, sizeof(uint32_t)),
				 xcalloc(cap, sizeof(int32_t)), xcalloc(cap * 2 / 64 + 1, sizeof(uint64_t)), cap, 0 };
	size_t i, k;

	for (i = 0; i < h->cap; i++) {
		if (!h->keys[i] || h->minutes[i] < oldest)
			continue;
		k = qhist_bit(&n, h->keys[i]);
		n.seen[k / 64] |= 1ULL << (k % 64);
		k = qhist_slot(&n, h->keys[i]);
		n.keys[k] = h->keys[i];
		n.sizes[k] = h->sizes[i];
		n.minutes[k] = h->minutes[i];
		n.count++;
	}
	qhist_release(h);
	*h = n;
}

void qhist_put(struct qid_history *h, uint64_t key, uint32_t size, int64_t t_us)
{
	int32_t minute = (int32_t)(t_us / (60LL * 1000000));
	size_t i;

	if (!key)
		return;
	if ((h->count + 1) * 4 > h->cap * 3) {
		/* full: first forget what is older than the window, then grow */
		size_t cap = h->cap ? h->cap : 1024;

		qhist_rebuild(h, cap, minute - (int32_t)(QHIST_KEEP_US / (60LL * 1000000)));
		/* at most a quarter full after a rebuild: probes stay short, rebuilds rare */
		while ((h->count + 1) * 4 > h->cap)
			qhist_rebuild(h, h->cap * 2, INT32_MIN);
	}
	i = qhist_bit(h, key);
	h->seen[i / 64] |= 1ULL << (i % 64);
	i = qhist_slot(h, key);
	if (!h->keys[i])
		h->count++;
	h->keys[i] = key;
	h->sizes[i] = size;
	h->minutes[i] = minute;
}

int qhist_get(const struct qid_history *h, uint64_t key, int64_t t_us, uint32_t *size)
{
	size_t i;

	if (!h->cap || !key)
		return 0;
	i = qhist_bit(h, key);
	if (!(h->seen[i / 64] >> (i % 64) & 1))
		return 0;
	i = qhist_slot(h, key);
	/* kept longer than the window only until the next sweep: the answer must not depend on that */
	if (!h->keys[i] || t_us - (int64_t)h->minutes[i] * (60LL * 1000000) > QHIST_KEEP_US + 60LL * 1000000)
		return 0;
	*size = h->sizes[i];
	return 1;
}
