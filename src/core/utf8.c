/* SPDX-License-Identifier: MIT */
#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

#include "core/buf.h"

/* Number of bytes of the sequence starting at s if it is valid, else 0. */
static size_t seq_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] > 0x9F)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0; /* overlong */
		if (c == 0xF4 && s[1] > 0x8F)
			return 0; /* above U+10FFFF */
		return 4;
	}
	return 0;
}

size_t utf8_valid_prefix(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		size_t n;
		uint64_t w;
		/* ASCII eight bytes at a time: headers are megabytes of it */
		if (i + 8 <= len && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL))) {
			i += 8;
			continue;
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = seq_len(s + i, len - i);
		if (!n)
			break;
		i += n;
	}
	return i;
}

void utf8_fput_clean(FILE *f, const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s);

	if (!utf8_is_valid(s, len)) {
		buf_add_utf8(&b, s, len);
		s = buf_str(&b);
	}
	utf8_fput_masked(f, s);
	buf_release(&b);
}

void utf8_fput_masked(FILE *f, const char *s)
{
	while (s && *s) {
		/* write runs of harmless bytes at once: a character at a time was a tenth of `stats` */
		size_t run = 0;

		while (s[run] && !((unsigned char)s[run] < 0x20 || s[run] == 0x7f))
			run++;
		if (run) {
			fwrite(s, 1, run, f);
			s += run;
		}
		if (*s) {
			fputc('?', f);
			s++;
		}
	}
}

size_t utf8_columns(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}
