/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_JSONREAD_H
#define KANSOKU_CORE_JSONREAD_H

#include <stddef.h>

#include "core/buf.h"

/*
 * A pull reader for JSON text (RFC 8259) held in memory: the caller asks for
 * one token after another and skips what it does not need, so readers of
 * our own JSON outputs take the members they know and nothing is built in
 * between. Untrusted input: every error (a bad token, a missing ':' or
 * ',', nesting deeper than JR_MAX_DEPTH, text after the value) stops the
 * reader with a message and the line and column where it happened; later
 * calls return JR_ERROR again.
 *
 * Strings are unescaped (\uXXXX and surrogate pairs to UTF-8; an unpaired
 * surrogate becomes U+FFFD; a NUL from \u0000 is kept) into a buffer owned
 * by the reader: tok_str/tok_len are valid until the next call.
 * Member names arrive as JR_KEY tokens, values as the other kinds.
 */
#define JR_MAX_DEPTH 64

enum jr_tok {
	JR_END,		/* after the top-level value */
	JR_ERROR,
	JR_BEGIN_OBJECT, JR_END_OBJECT, JR_BEGIN_ARRAY, JR_END_ARRAY,
	JR_KEY, JR_STRING, JR_NUMBER, JR_TRUE, JR_FALSE, JR_NULL,
};

struct jsonread {
	const char *start, *p, *end;
	unsigned char stack[JR_MAX_DEPTH];	/* '{' or '[' */
	int depth;
	int state;		/* what may come next (jsonread.c) */
	int done;		/* the top-level value is complete */
	struct buf str;		/* the last string, unescaped */
	const char *tok_str;
	size_t tok_len;
	double num;		/* JR_NUMBER */
	char err[160];		/* "what" of the error */
	size_t err_line, err_col;	/* 1-based */
};

void jsonread_init(struct jsonread *r, const char *text, size_t len);
void jsonread_release(struct jsonread *r);
enum jr_tok jsonread_next(struct jsonread *r);
/*
 * Skips the value whose first token was `first` (nothing more for a
 * scalar, up to the matching end for an object or array). Returns 0, or -1
 * on an error.
 */
int jsonread_skip(struct jsonread *r, enum jr_tok first);
/* Line and column of the reader's position (for messages of the caller's own). */
void jsonread_where(const struct jsonread *r, size_t *line, size_t *col);

#endif
