/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_UTF8_H
#define KANSOKU_CORE_UTF8_H

#include <stddef.h>
#include <stdio.h>

/* Length of the longest prefix of s that is well-formed UTF-8 (RFC 3629). */
size_t utf8_valid_prefix(const char *s, size_t len);
static inline int utf8_is_valid(const char *s, size_t len)
{
	return utf8_valid_prefix(s, len) == len;
}

/*
 * Writes untrusted text (a name from a log) for a terminal: each byte that
 * is not UTF-8 as U+FFFD, as the JSON writer does, and control characters
 * as '?', so the text can neither break the output's encoding nor drive the
 * terminal.
 */
void utf8_fput_clean(FILE *f, const char *s);
/*
 * The same for text already checked or converted to UTF-8 (every name in a
 * dataset): control characters as '?', every other byte as it is. s NULL
 * writes nothing.
 */
void utf8_fput_masked(FILE *f, const char *s);

/* Columns s takes on a terminal: one per code point (names are mostly Latin or Cyrillic). */
size_t utf8_columns(const char *s);

#endif
