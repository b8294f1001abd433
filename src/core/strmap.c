#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void strmap_init(struct strmap *m, size_t value_size)
{
	memset(m, 0, sizeof(*m));
	m->value_size = value_size ? value_size : 1;
	hashtab_init(&m->index, sizeof(uint32_t));
	arena_init(&m->arena);
}

void strmap_release(struct strmap *m)
{
	free(m->entries);
	hashtab_release(&m->index);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

/* hashtab_find()'s key: the bytes, and the map whose entries the table indexes. */
struct lookup {
	const struct strmap *m;
	const char *key;
	size_t len;
};

static int index_has_key(const void *slot, const void *key)
{
	const struct lookup *k = key;
	const struct strmap_entry *e = &k->m->entries[*(const uint32_t *)slot];

	return e->len == k->len && hash_bytes_equal(e->key, k->key, k->len);
}

static struct strmap_entry *find(const struct strmap *m, const struct lookup *k, uint64_t h)
{
	const uint32_t *i = hashtab_find(&m->index, h, k, index_has_key);

	return i ? &m->entries[*i] : NULL;
}

void *strmap_find(const struct strmap *m, const char *key, size_t len)
{
	struct lookup k = { m, key, len };
	struct strmap_entry *e;

	if (!m->count)
		return NULL;
	e = find(m, &k, hashtab_hash(&m->index, key, len));
	return e ? e->value : NULL;
}

/* The entry of key, added when missing. */
static struct strmap_entry *entry_of(struct strmap *m, const char *key, size_t len, int *created)
{
	struct lookup k = { m, key, len };
	uint64_t h = hashtab_hash(&m->index, key, len);
	struct strmap_entry *e = find(m, &k, h);

	if (created)
		*created = !e;
	if (e)
		return e;
	if (m->count >= UINT32_MAX)
		abort();	/* 4 billion distinct keys: out of memory long before */
	XGROW(m->entries, m->count + 1, m->cap);
	*(uint32_t *)hashtab_add(&m->index, h) = (uint32_t)m->count;
	e = &m->entries[m->count++];
	e->key = arena_strndup(&m->arena, key, len);
	e->len = len;
	e->value = arena_alloc(&m->arena, m->value_size);
	memset(e->value, 0, m->value_size);
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

	if (m->count)
		memcpy(out, m->entries, m->count * sizeof(*out));
	return out;
}
