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
