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
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static uint32_t id_hash(const char *id, size_t len)
{
	return (uint32_t)strmap_hash(id, len);
}

struct qrec *qtable_find(const struct qtable *t, const char *id, size_t len)
{
	size_t i, mask = t->cap - 1;
	uint32_t h;

	if (!t->cap || len > QTABLE_ID_MAX)
		return NULL;
	h = id_hash(id, len);
	for (i = h & mask;; i = (i + 1) & mask) {
		struct qrec *r = &t->slots[i];

		if (!r->used)
			return NULL;
		if (r->hash == h && r->id_len == len && !memcmp(r->id, id, len))
			return r;
	}
}

static struct qrec *insert_slot(struct qtable *t, uint32_t h)
{
	size_t i, mask = t->cap - 1;

	for (i = h & mask; t->slots[i].used; i = (i + 1) & mask)
		;
	return &t->slots[i];
}

static void grow(struct qtable *t)
{
	struct qrec *old = t->slots;
	size_t old_cap = t->cap, i;

	t->cap = old_cap ? old_cap * 2 : 1024;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	for (i = 0; i < old_cap; i++)
		if (old[i].used)
			*insert_slot(t, old[i].hash) = old[i];
	free(old);
}

struct qrec *qtable_get(struct qtable *t, const char *id, size_t len)
{
	struct qrec *r;

	if (len > QTABLE_ID_MAX)
		len = QTABLE_ID_MAX;
	if ((r = qtable_find(t, id, len)))
		return r;
	if ((t->count + 1) * 4 > t->cap * 3 || !t->cap)
		grow(t);
	r = insert_slot(t, id_hash(id, len));
	memset(r, 0, sizeof(*r));
	r->hash = id_hash(id, len);
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
	t->count--;
	for (;;) {
		size_t h;

		j = (j + 1) & mask;
		if (!t->slots[j].used)
			return;
		h = t->slots[j].hash & mask;
		/* can slot j move to the hole at i? only if its home is not in (i, j] */
		if ((j > i && (h <= i || h > j)) || (j < i && (h <= i && h > j))) {
			t->slots[i] = t->slots[j];
			t->slots[j].used = 0;
			i = j;
		}
	}
}

size_t qtable_sweep(struct qtable *t, int (*drop)(const struct qrec *r, void *ctx), void *ctx)
{
	size_t i, n = 0;

	/* removal shifts later records back, so look at slot i again after one */
	for (i = 0; i < t->cap;) {
		if (t->slots[i].used && drop(&t->slots[i], ctx)) {
			qtable_remove(t, &t->slots[i]);
			n++;
			continue;
		}
		i++;
	}
	return n;
}
