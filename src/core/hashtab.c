/* SPDX-License-Identifier: MIT */
#include "core/hashtab.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define FIRST_CAP 64

void hashtab_init_keyed(struct hashtab *t, size_t entry_size, struct hash_key key)
{
	memset(t, 0, sizeof(*t));
	t->entry_size = entry_size ? entry_size : 1;
	t->key = key;
}

void hashtab_init(struct hashtab *t, size_t entry_size)
{
	hashtab_init_keyed(t, entry_size, hash_process_key());
}

void hashtab_release(struct hashtab *t)
{
	free(t->tags);
	free(t->entries);
	t->tags = NULL;
	t->entries = NULL;
	t->cap = t->count = 0;
}

static size_t free_slot(const struct hashtab *t, uint32_t tag)
{
	size_t mask = t->cap - 1, i;

	for (i = tag & mask; t->tags[i]; i = (i + 1) & mask)
		;
	return i;
}

static void grow(struct hashtab *t)
{
	uint32_t *old_tags = t->tags;
	unsigned char *old = t->entries;
	size_t old_cap = t->cap, i;

	t->cap = old_cap ? old_cap * 2 : FIRST_CAP;
	if (t->cap > (size_t)1 << 31)
		abort();	/* 2^31 slots (8 GiB of tags alone): out of memory, as in xalloc */
	t->tags = xcalloc(t->cap, sizeof(*t->tags));
	t->entries = xcalloc(t->cap, t->entry_size);
	for (i = 0; i < old_cap; i++) {
		if (old_tags[i]) {
			size_t j = free_slot(t, old_tags[i]);

			t->tags[j] = old_tags[i];
			memcpy(hashtab_slot(t, j), old + i * t->entry_size, t->entry_size);
		}
	}
	free(old_tags);
	free(old);
}

void hashtab_reserve(struct hashtab *t, size_t n)
{
	while (n * 2 > t->cap)
		grow(t);
}

void *hashtab_add(struct hashtab *t, uint64_t h)
{
	uint32_t tag = hashtab_tag(h);
	size_t i;

	hashtab_reserve(t, t->count + 1);
	i = free_slot(t, tag);
	t->tags[i] = tag;
	t->count++;
	return hashtab_slot(t, i);	/* zero: emptied slots are cleared */
}

void hashtab_remove(struct hashtab *t, void *entry)
{
	size_t mask = t->cap - 1, es = t->entry_size;
	size_t hole = (size_t)((unsigned char *)entry - t->entries) / es, j = hole;

	t->count--;
	/*
	 * Backward shift: walk the run after the hole; an entry whose home slot
	 * is not cyclically in (hole, j] can move back into the hole, which
	 * then moves to where it was. The run's end (an empty slot) ends it.
	 */
	for (;;) {
		size_t home;

		j = (j + 1) & mask;
		if (!t->tags[j])
			break;
		home = t->tags[j] & mask;
		if (hole <= j ? (home > hole && home <= j) : (home > hole || home <= j))
			continue;
		t->tags[hole] = t->tags[j];
		memcpy(hashtab_slot(t, hole), hashtab_slot(t, j), es);
		hole = j;
	}
	t->tags[hole] = 0;
	memset(hashtab_slot(t, hole), 0, es);
}

size_t hashtab_sweep(struct hashtab *t, int (*drop)(const void *entry, void *ctx), void *ctx)
{
	size_t mask = t->cap - 1, es = t->entry_size, start, k, n = 0;

	if (!t->count)
		return 0;
	/* start after an empty slot (at most half full: there is one), where no probe run wraps */
	for (start = 0; t->tags[start]; start++)
		;
	/*
	 * One pass in slot order from there, cheaper than a backward shift per
	 * removal when a sweep drops most entries: a dropped entry is cleared,
	 * a kept one moves back to the first free slot of its probe path. Slots
	 * passed are final, so every kept entry's path stays unbroken.
	 */
	for (k = 1; k < t->cap; k++) {
		size_t j = (start + k) & mask, p;

		if (!t->tags[j])
			continue;
		if (drop(hashtab_slot(t, j), ctx)) {
			t->tags[j] = 0;
			memset(hashtab_slot(t, j), 0, es);
			t->count--;
			n++;
			continue;
		}
		for (p = t->tags[j] & mask; p != j && t->tags[p]; p = (p + 1) & mask)
			;
		if (p != j) {
			t->tags[p] = t->tags[j];
			memcpy(hashtab_slot(t, p), hashtab_slot(t, j), es);
			t->tags[j] = 0;
			memset(hashtab_slot(t, j), 0, es);
		}
	}
	return n;
}
