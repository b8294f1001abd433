/* SPDX-License-Identifier: MIT */
#include "core/jsonread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_VALUE, S_OBJ_FIRST, S_ARR_FIRST, S_KEY, S_AFTER };

void jsonread_init(struct jsonread *r, const char *text, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->start = r->p = text;
	r->end = text + len;
	r->state = S_VALUE;
	buf_init(&r->str, 0);
}

void jsonread_release(struct jsonread *r)
{
	buf_release(&r->str);
}

void jsonread_where(const struct jsonread *r, size_t *line, size_t *col)
{
	const char *q, *bol = r->start;
	size_t n = 1;

	for (q = r->start; q < r->p; q++)
		if (*q == '\n')
			n++, bol = q + 1;
	*line = n;
	*col = (size_t)(r->p - bol) + 1;
}

static enum jr_tok fail(struct jsonread *r, const char *what)
{
	if (!r->err[0]) {
		snprintf(r->err, sizeof(r->err), "%s", what);
		jsonread_where(r, &r->err_line, &r->err_col);
	}
	r->p = r->end;
	return JR_ERROR;
}

static void skip_ws(struct jsonread *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void put_utf8(struct buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 4);
	}
}

/* r->p at the opening quote. */
static int read_string(struct jsonread *r)
{
	const char *p = r->p + 1;

	buf_reset(&r->str);
	for (;;) {
		const char *q = p;

		while (q < r->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
			q++;
		buf_add(&r->str, p, (size_t)(q - p));
		if (q >= r->end) {
			r->p = q;
			return fail(r, "unexpected end of input in a string"), -1;
		}
		if (*q == '"') {
			r->p = q + 1;
			break;
		}
		if (*q != '\\') {
			r->p = q;
			return fail(r, "control character in a string"), -1;
		}
		if (r->end - q < 2) {
			r->p = q;
			return fail(r, "unexpected end of input in a string"), -1;
		}
		switch (q[1]) {
		case '"': buf_add(&r->str, "\"", 1); p = q + 2; break;
		case '\\': buf_add(&r->str, "\\", 1); p = q + 2; break;
		case '/': buf_add(&r->str, "/", 1); p = q + 2; break;
		case 'b': buf_add(&r->str, "\b", 1); p = q + 2; break;
		case 'f': buf_add(&r->str, "\f", 1); p = q + 2; break;
		case 'n': buf_add(&r->str, "\n", 1); p = q + 2; break;
		case 'r': buf_add(&r->str, "\r", 1); p = q + 2; break;
		case 't': buf_add(&r->str, "\t", 1); p = q + 2; break;
		case 'u': {
			unsigned cp, lo;

			if (r->end - q < 6) {
				r->p = q;
				return fail(r, "unexpected end of input in a string"), -1;
			}
			if (hex4(q + 2, &cp)) {
				r->p = q;
				return fail(r, "bad \\u escape in a string"), -1;
			}
			p = q + 6;
			if (cp >= 0xD800 && cp < 0xDC00 && r->end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
			    !hex4(p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			} else if (cp >= 0xD800 && cp < 0xE000) {
				cp = 0xFFFD;
			}
			put_utf8(&r->str, cp);
			break;
		}
		default:
			r->p = q;
			return fail(r, "bad escape in a string"), -1;
		}
	}
	r->tok_str = r->str.data ? r->str.data : "";
	r->tok_len = r->str.len;
	return 0;
}

static int read_number(struct jsonread *r)
{
	const char *p = r->p, *s = p;
	char tmp[64];

	if (p < r->end && *p == '-')
		p++;
	if (p >= r->end)	/* a file cut inside a number: say so, not "bad number" */
		return r->p = p, fail(r, "unexpected end of input in a number"), -1;
	if (*p < '0' || *p > '9')
		return fail(r, "expected a value"), -1;
	if (*p == '0')
		p++;
	else
		while (p < r->end && *p >= '0' && *p <= '9')
			p++;
	if (p < r->end && *p == '.') {
		p++;
		if (p >= r->end)
			return r->p = p, fail(r, "unexpected end of input in a number"), -1;
		if (*p < '0' || *p > '9')
			return r->p = p, fail(r, "bad number"), -1;
		while (p < r->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < r->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < r->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= r->end)
			return r->p = p, fail(r, "unexpected end of input in a number"), -1;
		if (*p < '0' || *p > '9')
			return r->p = p, fail(r, "bad number"), -1;
		while (p < r->end && *p >= '0' && *p <= '9')
			p++;
	}
	if ((size_t)(p - s) >= sizeof(tmp))
		return fail(r, "number too long"), -1;
	memcpy(tmp, s, (size_t)(p - s));
	tmp[p - s] = 0;
	r->num = strtod(tmp, NULL);
	r->p = p;
	return 0;
}

static int literal(struct jsonread *r, const char *word)
{
	size_t n = strlen(word);
	size_t left = (size_t)(r->end - r->p);

	if (left < n && !memcmp(r->p, word, left))
		return fail(r, "unexpected end of input in a value"), -1;
	if (left < n || memcmp(r->p, word, n))
		return fail(r, "expected a value"), -1;
	r->p += n;
	return 0;
}

/* After a complete value: the top level ends, or a ',' or a closing bracket may follow. */
static void value_done(struct jsonread *r)
{
	if (r->depth == 0)
		r->done = 1;
	r->state = S_AFTER;
}

static enum jr_tok value(struct jsonread *r)
{
	char c;

	if (r->p >= r->end)
		return fail(r, "unexpected end of input, expected a value");
	c = *r->p;
	switch (c) {
	case '{':
	case '[':
		if (r->depth >= JR_MAX_DEPTH)
			return fail(r, "nested too deeply");
		r->stack[r->depth++] = (unsigned char)c;
		r->p++;
		r->state = c == '{' ? S_OBJ_FIRST : S_ARR_FIRST;
		return c == '{' ? JR_BEGIN_OBJECT : JR_BEGIN_ARRAY;
	case '"':
		if (read_string(r))
			return JR_ERROR;
		value_done(r);
		return JR_STRING;
	case 't':
		if (literal(r, "true"))
			return JR_ERROR;
		value_done(r);
		return JR_TRUE;
	case 'f':
		if (literal(r, "false"))
			return JR_ERROR;
		value_done(r);
		return JR_FALSE;
	case 'n':
		if (literal(r, "null"))
			return JR_ERROR;
		value_done(r);
		return JR_NULL;
	default:
		if (read_number(r))
			return JR_ERROR;
		value_done(r);
		return JR_NUMBER;
	}
}

static enum jr_tok key(struct jsonread *r)
{
	if (r->p >= r->end || *r->p != '"')
		return fail(r, r->p >= r->end ? "unexpected end of input, expected a member name"
					      : "expected a member name in quotes");
	if (read_string(r))
		return JR_ERROR;
	skip_ws(r);
	if (r->p >= r->end || *r->p != ':')
		return fail(r, r->p >= r->end ? "unexpected end of input, expected ':'"
					      : "expected ':' after a member name");
	r->p++;
	r->state = S_VALUE;
	return JR_KEY;
}

static enum jr_tok close_one(struct jsonread *r, char c)
{
	unsigned char want = c == '}' ? '{' : '[';

	if (!r->depth || r->stack[r->depth - 1] != want)
		return fail(r, c == '}' ? "'}' without its '{'" : "']' without its '['");
	r->depth--;
	r->p++;
	value_done(r);
	return c == '}' ? JR_END_OBJECT : JR_END_ARRAY;
}

enum jr_tok jsonread_next(struct jsonread *r)
{
	if (r->err[0])
		return JR_ERROR;
	skip_ws(r);
	if (r->done) {
		if (r->p < r->end)
			return fail(r, "text after the end of the JSON value");
		return JR_END;
	}
	switch (r->state) {
	case S_VALUE:
		return value(r);
	case S_OBJ_FIRST:
		if (r->p < r->end && *r->p == '}')
			return close_one(r, '}');
		return key(r);
	case S_ARR_FIRST:
		if (r->p < r->end && *r->p == ']')
			return close_one(r, ']');
		return value(r);
	case S_KEY:
		return key(r);
	default:	/* S_AFTER */
		if (r->p >= r->end)
			return fail(r, "unexpected end of input, expected ',' or a closing bracket");
		if (*r->p == ',') {
			r->p++;
			skip_ws(r);
			if (r->stack[r->depth - 1] == '{')
				return key(r);
			return value(r);
		}
		if (*r->p == '}' || *r->p == ']')
			return close_one(r, *r->p);
		return fail(r, r->stack[r->depth - 1] == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

int jsonread_skip(struct jsonread *r, enum jr_tok first)
{
	int depth;

	if (first == JR_ERROR)
		return -1;
	if (first != JR_BEGIN_OBJECT && first != JR_BEGIN_ARRAY)
		return 0;
	depth = 1;
	while (depth > 0) {
		enum jr_tok t = jsonread_next(r);

		if (t == JR_ERROR || t == JR_END)
			return -1;
		if (t == JR_BEGIN_OBJECT || t == JR_BEGIN_ARRAY)
			depth++;
		else if (t == JR_END_OBJECT || t == JR_END_ARRAY)
			depth--;
	}
	return 0;
}
