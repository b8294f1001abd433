/* SPDX-License-Identifier: MIT */
#include "core/json.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/utf8.h"

char *format_double(char *out, size_t size, double v)
{
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	return out;
}

void json_write_string(FILE *f, const char *s, size_t len)
{
	size_t i = 0;

	putc('"', f);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			size_t n = utf8_valid_prefix(s + i, len - i);
			/* copy the longest valid run; a bad byte becomes U+FFFD */
			size_t j = 0;
			while (j < n && (unsigned char)s[i + j] >= 0x80)
				j++;
			if (j) {
				fwrite(s + i, 1, j, f);
				i += j;
			} else {
				fputs("\xEF\xBF\xBD", f);
				i++;
			}
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '<': fputs("\\u003c", f); break;	/* safe inside <script> */
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\u%04x", c);
			else
				putc(c, f);
		}
		i++;
	}
	putc('"', f);
}

void json_init(struct json_writer *w, FILE *f, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->pretty = pretty;
}

static void indent(struct json_writer *w)
{
	int i;

	putc('\n', w->f);
	for (i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Separator and indentation before a value or key. */
static void before_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (w->has_items[w->depth - 1])
			putc(',', w->f);
		w->has_items[w->depth - 1] = 1;
		if (w->pretty)
			indent(w);
	}
}

static void open_container(struct json_writer *w, char c)
{
	before_item(w);
	putc(c, w->f);
	if (w->depth < JSON_MAX_DEPTH) {
		w->has_items[w->depth] = 0;
		w->depth++;
	}
}

static void close_container(struct json_writer *w, char c)
{
	int had = 0;

	if (w->depth > 0) {
		had = w->has_items[w->depth - 1];
		w->depth--;
	}
	if (w->pretty && had)
		indent(w);
	putc(c, w->f);
}

void json_begin_object(struct json_writer *w) { open_container(w, '{'); }
void json_end_object(struct json_writer *w) { close_container(w, '}'); }
void json_begin_array(struct json_writer *w) { open_container(w, '['); }
void json_end_array(struct json_writer *w) { close_container(w, ']'); }

void json_key(struct json_writer *w, const char *key)
{
	before_item(w);
	json_write_string(w->f, key, strlen(key));
	fputs(w->pretty ? ": " : ":", w->f);
	w->after_key = 1;
}

void json_string_len(struct json_writer *w, const char *s, size_t len)
{
	before_item(w);
	json_write_string(w->f, s, len);
}

void json_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_null(w);
		return;
	}
	json_string_len(w, s, strlen(s));
}

void json_null(struct json_writer *w)
{
	before_item(w);
	fputs("null", w->f);
}

void json_bool(struct json_writer *w, int v)
{
	before_item(w);
	fputs(v ? "true" : "false", w->f);
}

void json_int(struct json_writer *w, int64_t v)
{
	before_item(w);
	fprintf(w->f, "%" PRId64, v);
}

void json_uint(struct json_writer *w, uint64_t v)
{
	before_item(w);
	fprintf(w->f, "%" PRIu64, v);
}

void json_double(struct json_writer *w, double v)
{
	char tmp[40];

	if (!isfinite(v)) {
		json_null(w);
		return;
	}
	before_item(w);
	fputs(format_double(tmp, sizeof(tmp), v), w->f);
}

void json_kv_string(struct json_writer *w, const char *key, const char *s)
{
	json_key(w, key);
	json_string(w, s);
}

void json_kv_int(struct json_writer *w, const char *key, int64_t v)
{
	json_key(w, key);
	json_int(w, v);
}

void json_kv_uint(struct json_writer *w, const char *key, uint64_t v)
{
	json_key(w, key);
	json_uint(w, v);
}

void json_kv_double(struct json_writer *w, const char *key, double v)
{
	json_key(w, key);
	json_double(w, v);
}

void json_kv_bool(struct json_writer *w, const char *key, int v)
{
	json_key(w, key);
	json_bool(w, v);
}

void json_kv_time(struct json_writer *w, const char *key, int64_t t_us, int offset_min,
		  int frac_digits)
{
	char buf[64];

	json_key(w, key);
	json_string(w, time_format(buf, sizeof(buf), t_us, offset_min, TIME_ISO, frac_digits));
}

void json_finish(struct json_writer *w)
{
	putc('\n', w->f);
}
