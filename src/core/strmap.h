/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_STRMAP_H
#define KANSOKU_CORE_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"

/*
 * A string-keyed hash table for counting things: one fixed-size value per
 * distinct key, zero-filled when the key is first seen. Keys (copied) and
 * values live in the map's own arena, so a value pointer stays valid until
 * strmap_release(); nothing is removed one by one. Open addressing with
 * linear probing; the slot array doubles at 50% load.
 */
struct strmap_entry {
	const char *key;	/* NUL-terminated copy */
	size_t len;
	uint64_t hash;
	void *value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t cap;		/* power of two, 0 before the first insert */
	size_t count;
	size_t value_size;
	struct arena arena;
};

void strmap_init(struct strmap *m, size_t value_size);
void strmap_release(struct strmap *m);
/* The value for key[0..len), created (zero-filled) when absent; *created (may be NULL) tells which. */
void *strmap_get(struct strmap *m, const char *key, size_t len, int *created);
/* A stable copy of key (added with a zero value when absent): interning. */
const char *strmap_intern(struct strmap *m, const char *key, size_t len);
/* The value for key, or NULL. */
void *strmap_find(const struct strmap *m, const char *key, size_t len);
/*
 * The entries in an array the caller frees (count in m->count), in table
 * order; sort it with the caller's own order.
 */
struct strmap_entry *strmap_entries(const struct strmap *m);

/* 64-bit hash of any bytes (no alignment needs); not for adversarial use. */
uint64_t strmap_hash(const char *s, size_t len);

/*
 * Whether two keys of len bytes are equal, compared in place a word at a
 * time: keys are short, and a call to memcmp() costs more than comparing.
 */
static inline int strmap_key_equal(const char *a, const char *b, size_t len)
{
	uint64_t x, y;
	uint32_t u, v;
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 <= len; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + len - 8, 8);	/* the tail, overlapping */
		memcpy(&y, b + len - 8, 8);
		return x == y;
	}
	if (len >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + len - 4, 4);
		memcpy(&v, b + len - 4, 4);
		return u == v;
	}
	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

#endif
