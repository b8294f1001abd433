/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_STRMAP_H
#define KANSOKU_CORE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/hashtab.h"

/*
 * A string-keyed map for counting things, on the core hash table: one
 * fixed-size value per distinct key, zero-filled when the key is first
 * seen. Keys (copied) and values live in the map's own arena, so a value
 * pointer stays valid until strmap_release(); nothing is removed one by
 * one. Listing is in the order keys were first seen, never in the
 * per-process random order of the table.
 */
struct strmap_entry {
	const char *key;	/* NUL-terminated copy */
	size_t len;
	void *value;
};

struct strmap {
	struct hashtab table;	/* of struct strmap_slot (strmap.c) */
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
 * The entries in an array the caller frees (count in m->count), in the
 * order keys were first seen; sort it with the caller's own order.
 */
struct strmap_entry *strmap_entries(const struct strmap *m);

#endif
