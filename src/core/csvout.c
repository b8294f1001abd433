/* SPDX-License-Identifier: MIT */
#include "core/csvout.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"

void csv_init(struct csv_writer *w, FILE *f)
{
	w->f = f;
	w->col = 0;
}

static void separator(struct csv_writer *w)
{
	if (w->col++)
		putc(',', w->f);
}

void csv_field_len(struct csv_writer *w, const char *s, size_t len)
{
	struct buf clean = BUF_INIT;
	size_t i;
	int quote = 0;

	separator(w);
	if (!utf8_is_valid(s, len)) {
		buf_add_utf8(&clean, s, len);
		s = clean.data;
		len = clean.len;
	}
	for (i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		fwrite(s, 1, len, w->f);
	} else {
		putc('"', w->f);
		for (i = 0; i < len; i++) {
			if (s[i] == '"')
				putc('"', w->f);
			putc(s[i], w->f);
		}
		putc('"', w->f);
	}
	buf_release(&clean);
}

void csv_field(struct csv_writer *w, const char *s)
{
	csv_field_len(w, s ? s : "", s ? strlen(s) : 0);
}

void csv_double(struct csv_writer *w, double v)
{
	char tmp[40];

	separator(w);
	if (isfinite(v))
		fputs(format_double(tmp, sizeof(tmp), v), w->f);
}

void csv_int(struct csv_writer *w, int64_t v)
{
	separator(w);
	fprintf(w->f, "%" PRId64, v);
}

void csv_end_row(struct csv_writer *w)
{
	putc('\n', w->f);
	w->col = 0;
}
