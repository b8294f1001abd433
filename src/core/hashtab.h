/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_HASHTAB_H
#define KANSOKU_CORE_HASHTAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/hash.h"

/*
 * The hash table: fixed-size entries stored inline in one array, open
 * addressing with linear probing, at most half full, backward-shift
 * deletion (no tombstones, so probe chains stay as short after many
 * removals as after none). Beside the entries, a compact array of 32-bit
 * tags (0 = empty slot, else 31 bits of the hash) is what probing walks: it
 * stays in cache, and an entry is touched only when its tag matches.
 *
 * The table does not know what a key is: the caller hashes its key with
 * hashtab_hash() (keyed per process, see hash.h) and gives an equality test
 * to hashtab_find(), which is inline so that test inlines too. An entry
 * pointer is valid until the next add or remove.
 */
struct hashtab {
	uint32_t *tags;
	unsigned char *entries;
	size_t entry_size;
	size_t cap;		/* power of two, 0 before the first add */
	size_t count;
	struct hash_key key;
};

/* An empty table of entries of entry_size bytes, hashed with the process key. */
void hashtab_init(struct hashtab *t, size_t entry_size);
/* The same with a given key: reproducible tables for tests. */
void hashtab_init_keyed(struct hashtab *t, size_t entry_size, struct hash_key key);
void hashtab_release(struct hashtab *t);

static inline uint64_t hashtab_hash(const struct hashtab *t, const void *key, size_t len)
{
	return hash_bytes(&t->key, key, len);
}

static inline uint32_t hashtab_tag(uint64_t h)
{
	return (uint32_t)h | 0x80000000u;	/* the slot index is tag & (cap - 1) */
}

static inline void *hashtab_slot(const struct hashtab *t, size_t i)
{
	return t->entries + i * t->entry_size;
}

/* The entry with hash h for which eq(entry, key) holds, or NULL. */
static inline __attribute__((always_inline)) void *hashtab_find(const struct hashtab *t, uint64_t h, const void *key,
				 int (*eq)(const void *entry, const void *key))
{
	uint32_t tag = hashtab_tag(h);
	size_t mask = t->cap - 1, i;

	if (!t->count)
		return NULL;
	for (i = tag & mask; t->tags[i]; i = (i + 1) & mask)
		if (t->tags[i] == tag && eq(hashtab_slot(t, i), key))
			return hashtab_slot(t, i);
	return NULL;
}

/*
 * A new zero-filled entry for hash h, whose key the caller knows is absent
 * (found missing just before); the caller fills in the key.
 */
void *hashtab_add(struct hashtab *t, uint64_t h);
/* Removes the entry (a pointer into the table). */
void hashtab_remove(struct hashtab *t, void *entry);
/* Grows the table now, if need be, so that it holds n entries without growing. */
void hashtab_reserve(struct hashtab *t, size_t n);
/* Removes every entry for which drop(entry, ctx) says yes; returns how many. */
size_t hashtab_sweep(struct hashtab *t, int (*drop)(const void *entry, void *ctx), void *ctx);

/*
 * Iteration: the entry in slot i (0 <= i < cap), or NULL when the slot is
 * empty. Removing the entry in slot i may move a later entry into slot i:
 * look at slot i again after a removal. Table order is random per process:
 * never let it reach output unsorted.
 */
static inline void *hashtab_at(const struct hashtab *t, size_t i)
{
	return t->tags[i] ? hashtab_slot(t, i) : NULL;
}

#endif
