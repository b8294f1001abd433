/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_ARENA_H
#define KANSOKU_CORE_ARENA_H

#include <stddef.h>

/*
 * A bump allocator for many small objects that live and die together (names
 * parsed from a header, strings of a dataset). Nothing is freed one by one;
 * arena_release() frees everything. Memory handed out never moves.
 */
struct arena_block;

struct arena {
	struct arena_block *head;
	size_t block_size;
	size_t total;	/* bytes handed out, for accounting */
};

#define ARENA_INIT { NULL, 0, 0 }

void arena_init(struct arena *a);
void arena_release(struct arena *a);
/* Memory aligned for any type; never NULL. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Moves everything `from` handed out into a (it lives until a is released); from is left empty. */
void arena_adopt(struct arena *a, struct arena *from);

#endif
