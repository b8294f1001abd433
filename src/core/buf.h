/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_BUF_H
#define KANSOKU_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable byte buffer, always NUL-terminated so that data can be used as a
 * C string. `max` (0 = unlimited) bounds its size: appends past it fail with
 * -1 and leave the buffer unchanged, so a hostile input cannot make us grow
 * without end.
 *
 * Appending may reallocate `data`: pointers into it are invalid afterwards.
 */
struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

#define BUF_INIT { NULL, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buffer can be reused after buf_init(). */
void buf_release(struct buf *b);
/* Empties without freeing. */
void buf_reset(struct buf *b);
/* Hands the data (NUL-terminated, caller frees) to the caller; buffer becomes empty. */
char *buf_detach(struct buf *b, size_t *len);

int buf_grow(struct buf *b, size_t extra);
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s with invalid UTF-8 sequences replaced by U+FFFD. */
int buf_add_utf8(struct buf *b, const char *s, size_t len);

static inline const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

#endif
