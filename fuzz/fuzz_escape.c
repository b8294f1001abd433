/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the two places input-derived text (VM and counter names,
 * file names, log text) becomes markup or script data in reports and SVG:
 * escape_markup() (render/escape.h) and the JSON string writer embedded in
 * <script> (core/json.h). Oracles, whatever the bytes:
 *   markup: valid UTF-8, only characters XML 1.0 allows, no raw < > " ',
 *           every & starts &amp; &lt; &gt; &quot; or &#39;
 *   JSON:   valid UTF-8, a single string literal, no raw control character
 *           (NUL bytes included), no '<' (so "</script>" cannot end the
 *           script element)
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/utf8.h"
#include "fuzz/fuzz.h"
#include "render/escape.h"

/* The code point at s (valid UTF-8 assumed) and its length. */
static uint32_t decode(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*n = 2;
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0) {
		*n = 3;
		return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*n = 4;
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	       (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static int xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static void check_markup(const char *out, size_t len)
{
	static const char *const refs[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
	size_t i = 0, n, k;

	if (!utf8_is_valid(out, len))
		abort();
	while (i < len) {
		uint32_t c = decode((const unsigned char *)out + i, &n);

		if (!xml_char(c) || c == '<' || c == '>' || c == '"' || c == '\'')
			abort();
		if (c == '&') {
			for (k = 0; k < 5; k++)
				if (!strncmp(out + i, refs[k], strlen(refs[k])))
					break;
			if (k == 5)
				abort();
		}
		i += n;
	}
}

static void check_json(const char *out, size_t len)
{
	size_t i;

	while (len && out[len - 1] == '\n')	/* json_finish ends the document */
		len--;
	if (!utf8_is_valid(out, len) || len < 2 || out[0] != '"' || out[len - 1] != '"')
		abort();
	for (i = 1; i + 1 < len; i++) {
		unsigned char c = (unsigned char)out[i];

		if (c < 0x20 || c == '<')
			abort();
		if (c == '\\')
			i++;			/* the escaped character */
		else if (c == '"')
			abort();		/* the literal ended early */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *out = NULL;
	size_t len = 0;
	struct json_writer w;
	FILE *f;

	memcpy(s, data, size);
	s[size] = '\0';		/* names are C strings: the part before a NUL */
	f = open_memstream(&out, &len);
	if (!f) {
		free(s);
		return 0;
	}
	escape_markup(f, s);
	fflush(f);
	check_markup(out, len);
	fclose(f);
	free(out);

	out = NULL;
	f = open_memstream(&out, &len);
	if (f) {
		json_init(&w, f, 0);
		json_string_len(&w, (const char *)data, size);	/* NUL bytes too */
		json_finish(&w);
		fflush(f);
		check_json(out, len);
		fclose(f);
		free(out);
	}
	free(s);
	return 0;
}
