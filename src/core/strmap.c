/* SPDX-License-Identifier: MIT */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* A table entry: what a lookup needs in one place, and when the key came. */
struct strmap_slot {
	const char *key;
	uint32_t len;
	uint32_t order;		/* 0, 1, ... in order of first sight */
	void *value;
};

/* hashtab_find()'s key. */
struct lookup {
	const char *key;
	size_t len;
};

void strmap_init(struct strmap *m, size_t value_size)
{
	memset(m, 0, sizeof(*m));
	m->value_size = value_size ? value_size : 1;
	hashtab_init(&m->table, sizeof(struct strmap_slot));
	arena_init(&m->arena);
}

void strmap_release(struct strmap *m)
{
	hashtab_release(&m->table);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

static inline int slot_has_key(const void *entry, const void *key)
{
	const struct strmap_slot *s = entry;
	const struct lookup *k = key;

	return s->len == k->len && hash_bytes_equal(s->key, k->key, k->len);
}

void *strmap_find(const struct strmap *m, const char *key, size_t len)
{
	struct lookup k = { key, len };
	struct strmap_slot *s;

	if (!m->count)
		return NULL;
	s = hashtab_find(&m->table, hashtab_hash(&m->table, key, len), &k, slot_has_key);
	return s ? s->value : NULL;
}

/* The slot of key, added when missing. */
static struct strmap_slot *slot_of(struct strmap *m, const char *key, size_t len, int *created)
{
	struct lookup k = { key, len };
	uint64_t h = hashtab_hash(&m->table, key, len);
	struct strmap_slot *s = hashtab_find(&m->table, h, &k, slot_has_key);

	if (created)
		*created = !s;
	if (s)
		return s;
	if (m->count >= UINT32_MAX || len >= UINT32_MAX)
		abort();	/* 4 billion keys, or a 4 GiB one: out of memory long before */
	s = hashtab_add(&m->table, h);
	s->key = arena_strndup(&m->arena, key, len);
	s->len = (uint32_t)len;
	s->order = (uint32_t)m->count++;
	s->value = arena_alloc(&m->arena, m->value_size);
	memset(s->value, 0, m->value_size);
	return s;
}

void *strmap_get(struct strmap *m, const char *key, size_t len, int *created)
{
	return slot_of(m, key, len, created)->value;
}

const char *strmap_intern(struct strmap *m, const char *key, size_t len)
{
	return slot_of(m, key, len, NULL)->key;
}

struct strmap_entry *strmap_entries(const struct strmap *m)
{
	struct strmap_entry *out = xcalloc(m->count ? m->count : 1, sizeof(*out));
	size_t i;

	/* each slot knows its place in the order of first sight */
	for (i = 0; i < m->table.cap; i++) {
		const struct strmap_slot *s = hashtab_at(&m->table, i);

		if (s) {
			out[s->order].key = s->key;
			out[s->order].len = s->len;
			out[s->order].value = s->value;
		}
	}
	return out;
}
