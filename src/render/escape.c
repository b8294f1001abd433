/* SPDX-License-Identifier: MIT */
#include "render/escape.h"

#include <string.h>

#include "core/utf8.h"

static const char replacement[] = "\xef\xbf\xbd";

void escape_markup(FILE *f, const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0;

	while (i < len) {
		size_t ok = utf8_valid_prefix(s + i, len - i), end = i + ok;

		for (; i < end; i++) {
			unsigned char c = (unsigned char)s[i];

			switch (c) {
			case '&': fputs("&amp;", f); break;
			case '<': fputs("&lt;", f); break;
			case '>': fputs("&gt;", f); break;
			case '"': fputs("&quot;", f); break;
			case '\'': fputs("&#39;", f); break;
			default:
				/* XML 1.0 forbids most C0 controls even as references */
				if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
					fputs(replacement, f);
				} else if (c == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
					   (unsigned char)s[i + 2] >= 0xBE) {
					/* U+FFFE, U+FFFF: valid UTF-8, but not XML characters */
					fputs(replacement, f);
					i += 2;
				} else {
					fputc(c, f);
				}
			}
		}
		if (i < len) {		/* one bad byte */
			fputs(replacement, f);
			i++;
		}
	}
}
