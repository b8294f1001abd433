/* SPDX-License-Identifier: MIT */
#include "mail/qtable.h"

#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/xalloc.h"

void qtable_init(struct qtable *t)
{
	memset(t, 0, sizeof(*t));
}

void qtable_release(struct qtable *t)
{
	free(t->hashes);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static uint32_t id_hash(const char *id, size_t len)
{
	return (uint32_t)strmap_hash(id, len) | 1;	/* never 0: 0 marks an empty slot */
}

static struct qrec *find_hashed(const struct qtable *t, const char *id, size_t len, uint32_t h)
{
	size_t i, mask = t->cap - 1;

	if (!t->cap)
		return NULL;
	for (i = h & mask; t->hashes[i]; i = (i + 1) & mask) {
		struct qrec *r;

		if (t->hashes[i] != h)
			continue;
		r = &t->slots[i];
		if (r->id_len == len && strmap_key_equal(r->id, id, len))
			return r;
	}
	return NULL;
}

struct qrec *qtable_find(const struct qtable *t, const char *id, size_t len)
{
	if (!t->cap || len > QTABLE_ID_MAX)
		return NULL;
	return find_hashed(t, id, len, id_hash(id, len));
}

static struct qrec *insert_slot(struct qtable *t, uint32_t h)
{
	size_t i, mask = t->cap - 1;

	for (i = h & mask; t->hashes[i]; i = (i + 1) & mask)
		;
	t->hashes[i] = h;
	return &t->slots[i];
}

static void grow(struct qtable *t)
{
	struct qrec *old = t->slots;
	uint32_t *old_h = t->hashes;
	size_t old_cap = t->cap, i;

	t->cap = old_cap ? old_cap * 2 : 1024;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	t->hashes = xcalloc(t->cap, sizeof(*t->hashes));
	for (i = 0; i < old_cap; i++)
		if (old_h[i])
			*insert_slot(t, old_h[i]) = old[i];
	free(old);
	free(old_h);
}

struct qrec *qtable_get(struct qtable *t, const char *id, size_t len)
{
	struct qrec *r;
	uint32_t h;

	if (len > QTABLE_ID_MAX)
		len = QTABLE_ID_MAX;
	h = id_hash(id, len);
	if ((r = find_hashed(t, id, len, h)))
		return r;
	/* at most half full: misses (every new message) stay short with linear probing */
	if ((t->count + 1) * 2 > t->cap || !t->cap)
		grow(t);
	r = insert_slot(t, h);
	memset(r, 0, sizeof(*r));
	r->hash = h;
	memcpy(r->id, id, len);
	r->id_len = (uint8_t)len;
	r->used = 1;
	t->count++;
	if (t->count > t->peak)
		t->peak = t->count;
	return r;
}

void qtable_remove(struct qtable *t, struct qrec *r)
{
	size_t mask = t->cap - 1, i = (size_t)(r - t->slots), j = i;

	/* backward-shift deletion: no tombstones, probe chains stay short */
	t->slots[i].used = 0;
	t->hashes[i] = 0;
	t->count--;
	for (;;) {
		size_t h;

		j = (j + 1) & mask;
		if (!t->hashes[j])
			return;
		h = t->hashes[j] & mask;
		/* can slot j move to the hole at i? only if its home is not in (i, j] */
		if ((j > i && (h <= i || h > j)) || (j < i && (h <= i && h > j))) {
			t->slots[i] = t->slots[j];
			t->hashes[i] = t->hashes[j];
			t->slots[j].used = 0;
			t->hashes[j] = 0;
			i = j;
		}
	}
}

size_t qtable_sweep(struct qtable *t, int (*drop)(const struct qrec *r, void *ctx), void *ctx)
{
	size_t i, n = 0;

	/* removal shifts later records back, so look at slot i again after one */
	for (i = 0; i < t->cap;) {
		if (t->hashes[i] && drop(&t->slots[i], ctx)) {
			qtable_remove(t, &t->slots[i]);
			n++;
			continue;
		}
		i++;
	}
	return n;
}
