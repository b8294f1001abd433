/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_XALLOC_H
#define KANSOKU_CORE_XALLOC_H

#include <stddef.h>

/*
 * Allocation wrappers: the one place that handles running out of memory.
 * An analysis tool cannot do anything useful without memory, so these print
 * a message and abort instead of making every caller check for NULL.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* May move the block: pointers into the old block are invalid afterwards. */
void *xrealloc(void *ptr, size_t size);
/* xrealloc for an array of nmemb elements, failing cleanly on overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *cap (at least doubling) so that `need` elements fit; returns new array. */
#define XGROW(ptr, need, cap) do { \
	if ((need) > (cap)) { \
		size_t xg_new_ = (cap) ? (cap) * 2 : 16; \
		while (xg_new_ < (need)) xg_new_ *= 2; \
		(ptr) = xreallocarray((ptr), xg_new_, sizeof(*(ptr))); \
		(cap) = xg_new_; \
	} \
} while (0)

#endif
