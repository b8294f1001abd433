/* SPDX-License-Identifier: MIT */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/*
 * Eight bytes at a time (multiply-xorshift mixing, as in the well-known
 * 64-bit finalizers): keys are addresses and domains of 10-60 bytes, where a
 * byte-at-a-time hash shows up in profiles.
 */
uint64_t strmap_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * 0xff51afd7ed558ccdULL);
	uint64_t w;
	const char *end = s + len;
	int whole = len >= 8;
	size_t i;

	while (len >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
		h ^= h >> 29;
		s += 8;
		len -= 8;
	}
	if (len) {
		/*
		 * The tail without byte stores into a word (a store-forwarding
		 * stall): re-read the last 8 bytes when there are that many.
		 */
		if (whole) {
			memcpy(&w, end - 8, 8);
			w >>= (8 - len) * 8;
		} else {
			w = 0;
			for (i = 0; i < len; i++)
				w |= (uint64_t)(unsigned char)s[i] << (8 * i);
		}
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 29;
	return h;
}

void strmap_init(struct strmap *m, size_t value_size)
{
	memset(m, 0, sizeof(*m));
	m->value_size = value_size;
	arena_init(&m->arena);
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

static struct strmap_entry *probe(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	for (;; i = (i + 1) & mask) {
		struct strmap_entry *e = &m->slots[i];

		if (!e->key || (e->hash == h && e->len == len && strmap_key_equal(e->key, key, len)))
			return e;
	}
}

static void grow(struct strmap *m)
{
	struct strmap_entry *old = m->slots;
	size_t old_cap = m->cap, i;

	m->cap = old_cap ? old_cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old_cap; i++)
		if (old[i].key)
			*probe(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void *strmap_find(const struct strmap *m, const char *key, size_t len)
{
	struct strmap_entry *e;

	if (!m->cap)
		return NULL;
	e = probe(m, key, len, strmap_hash(key, len));
	return e->key ? e->value : NULL;
}

/* The entry of key, added when missing. */
static struct strmap_entry *entry_of(struct strmap *m, const char *key, size_t len, int *created)
{
	uint64_t h = strmap_hash(key, len);
	struct strmap_entry *e;

	if (m->cap && (e = probe(m, key, len, h))->key) {
		if (created)
			*created = 0;
		return e;
	}
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	e = probe(m, key, len, h);
	e->key = arena_strndup(&m->arena, key, len);
	e->len = len;
	e->hash = h;
	e->value = arena_alloc(&m->arena, m->value_size ? m->value_size : 1);
	memset(e->value, 0, m->value_size ? m->value_size : 1);
	m->count++;
	if (created)
		*created = 1;
	return e;
}

void *strmap_get(struct strmap *m, const char *key, size_t len, int *created)
{
	return entry_of(m, key, len, created)->value;
}

const char *strmap_intern(struct strmap *m, const char *key, size_t len)
{
	return entry_of(m, key, len, NULL)->key;
}

struct strmap_entry *strmap_entries(const struct strmap *m)
{
	struct strmap_entry *out = xcalloc(m->count ? m->count : 1, sizeof(*out));
	size_t i, n = 0;

	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			out[n++] = m->slots[i];
	return out;
}
