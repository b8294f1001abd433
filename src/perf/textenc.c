/* SPDX-License-Identifier: MIT */
#include "perf/textenc.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "core/utf8.h"

enum textenc textenc_detect(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, high = 0, cyr = 0, runs = 0;

	if (utf8_is_valid(s, len))
		return TEXTENC_UTF8;
	for (i = 0; i < len; i++) {
		if (u[i] < 0x80)
			continue;
		high++;
		if (u[i] >= 0xC0 || u[i] == 0xA8 || u[i] == 0xB8)
			cyr++;
		/* Russian words are runs of high bytes; Latin-1 accents sit alone among ASCII */
		if ((i > 0 && u[i - 1] >= 0x80) || (i + 1 < len && u[i + 1] >= 0x80))
			runs++;
	}
	return cyr * 4 >= high * 3 && runs * 2 >= high ? TEXTENC_CP1251 : TEXTENC_REPLACED;
}

/* Windows-1251 through iconv; anything iconv refuses (0x98) becomes U+FFFD. */
static int from_cp1251(const char *s, size_t len, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1251");
	char *in = (char *)s;
	size_t inleft = len;

	if (cd == (iconv_t)-1)
		return buf_add_utf8(out, s, len);
	while (inleft) {
		char tmp[4096], *o = tmp;
		size_t oleft = sizeof(tmp);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		if (buf_add(out, tmp, (size_t)(o - tmp))) {
			iconv_close(cd);
			return -1;
		}
		if (r == (size_t)-1 && errno != E2BIG) {
			if (buf_adds(out, "\xEF\xBF\xBD")) {
				iconv_close(cd);
				return -1;
			}
			in++;
			inleft--;
		}
	}
	iconv_close(cd);
	return 0;
}

int textenc_to_utf8(enum textenc enc, const char *s, size_t len, struct buf *out)
{
	switch (enc) {
	case TEXTENC_CP1251:
		return from_cp1251(s, len, out);
	case TEXTENC_REPLACED:
		return buf_add_utf8(out, s, len);
	case TEXTENC_UTF8:
	default:
		return buf_add(out, s, len);
	}
}

const char *textenc_name(enum textenc enc)
{
	switch (enc) {
	case TEXTENC_CP1251:
		return "windows-1251";
	case TEXTENC_REPLACED:
		return "invalid utf-8 replaced";
	case TEXTENC_UTF8:
	default:
		return "utf-8";
	}
}
