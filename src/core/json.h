/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_JSON_H
#define KANSOKU_CORE_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * A streaming JSON writer (RFC 8259). Commas and nesting are tracked here so
 * callers only say what comes next. Strings are written as valid UTF-8 (bad
 * bytes become U+FFFD); NaN and infinities become null. With `pretty` set,
 * output is indented by two spaces per level; otherwise it is one line.
 */
#define JSON_MAX_DEPTH 64

struct json_writer {
	FILE *f;
	int pretty;
	int depth;
	int after_key;
	unsigned char has_items[JSON_MAX_DEPTH];
};

void json_init(struct json_writer *w, FILE *f, int pretty);
void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
/* s NULL: null, so an optional string needs no test at the caller. */
void json_string(struct json_writer *w, const char *s);
void json_string_len(struct json_writer *w, const char *s, size_t len);
void json_null(struct json_writer *w);
void json_bool(struct json_writer *w, int v);
void json_int(struct json_writer *w, int64_t v);
void json_uint(struct json_writer *w, uint64_t v);
/* Shortest representation that reads back to the same double. */
void json_double(struct json_writer *w, double v);

/*
 * A member of an object in one call: "key": value. The value is written as
 * the function of the same name without _kv writes it: a NULL string and a
 * double that is NaN or infinite become null.
 */
void json_kv_string(struct json_writer *w, const char *key, const char *s);
void json_kv_int(struct json_writer *w, const char *key, int64_t v);
void json_kv_uint(struct json_writer *w, const char *key, uint64_t v);
void json_kv_double(struct json_writer *w, const char *key, double v);
void json_kv_bool(struct json_writer *w, const char *key, int v);
/*
 * "key": t_us as an ISO 8601 string at offset_min minutes east of UTC
 * ("2024-03-26T22:42:05.250+01:00"), with frac_digits (0, 3 or 6) digits of
 * the second: see time_format() and time_frac_digits().
 */
void json_kv_time(struct json_writer *w, const char *key, int64_t t_us, int offset_min,
		  int frac_digits);

/* Ends the document with a newline. */
void json_finish(struct json_writer *w);

/* Writes s as a JSON string literal (with quotes) to f. */
void json_write_string(FILE *f, const char *s, size_t len);
/* Shortest "%.*g" that round-trips; writes into out (>= 32 bytes). */
char *format_double(char *out, size_t size, double v);

#endif
