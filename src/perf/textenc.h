/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_TEXTENC_H
#define KANSOKU_PERF_TEXTENC_H

#include <stddef.h>

#include "core/buf.h"

/*
 * Header text of performance files is usually UTF-8 (or ASCII), but a
 * perfmon CSV written on a Russian Windows is Windows-1251. Output must be
 * valid UTF-8 whatever came in, so:
 *   - valid UTF-8 is kept as it is;
 *   - otherwise, when the bytes look Cyrillic (at least 3/4 of the bytes
 *     >= 0x80 are Windows-1251 letters, 0xC0-0xFF, 0xA8 or 0xB8, and at
 *     least half of them stand next to another such byte, as letters of
 *     Russian words do, unlike lone Latin-1 accents) the text is converted
 *     from Windows-1251 with glibc iconv;
 *   - otherwise the bytes are kept and each invalid sequence becomes U+FFFD.
 * The choice is made once per file, from its header.
 */
enum textenc {
	TEXTENC_UTF8,
	TEXTENC_CP1251,
	TEXTENC_REPLACED,
};

/* Decides how to read s[0..len). */
enum textenc textenc_detect(const char *s, size_t len);

/* Appends s[0..len) to out as UTF-8 following `enc`. Returns 0, or -1 when out is full. */
int textenc_to_utf8(enum textenc enc, const char *s, size_t len, struct buf *out);

/* "utf-8", "windows-1251", "invalid utf-8 replaced" */
const char *textenc_name(enum textenc enc);

#endif
