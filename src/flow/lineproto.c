/* SPDX-License-Identifier: MIT */
/* SMTP and HTTP/1.x line labels over reassembled streams: see lineproto.h. */
#include "flow/lineproto.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	HS_START = 0,	/* a request or status line is expected */
	HS_HEADERS,
	HS_BODY,	/* skip body_left bytes */
	HS_CHUNK_SIZE,
	HS_CHUNK_DATA,	/* skip body_left bytes of a chunk */
	HS_CHUNK_CRLF,
	HS_TRAILERS,
	HS_TO_CLOSE,	/* everything up to the end is body (or another protocol) */
	HS_LOST,	/* after a gap: wait for a recognisable start line */
};

void lp_init(struct lineproto *lp, lp_label_fn cb, void *ctx)
{
	memset(lp, 0, sizeof(*lp));
	lp->cb = cb;
	lp->ctx = ctx;
}

const char *lp_proto_name(enum lp_proto p)
{
	return p == LP_SMTP ? "SMTP" : p == LP_HTTP ? "HTTP" : NULL;
}

/* ---- helpers over the line buffer ---- */

static int starts_ci(const uint8_t *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (toupper(s[i]) != toupper((unsigned char)prefix[i]))
			return 0;
	return 1;
}

static const char *const http_methods[] = {
	"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", NULL
};

/* The method of "METHOD SP target SP HTTP/1.x"; `partial`: the line may go on. */
static const char *http_request_method(const uint8_t *s, size_t n, int partial)
{
	int i;

	for (i = 0; http_methods[i]; i++) {
		size_t k = strlen(http_methods[i]);

		if (n > k && !memcmp(s, http_methods[i], k) && s[k] == ' ') {
			if (partial)
				return http_methods[i];
			/* a complete line must end with the version */
			if (n >= k + 10 && !memcmp(s + n - 9, " HTTP/1.", 8) && isdigit(s[n - 1]))
				return http_methods[i];
			return NULL;
		}
	}
	return NULL;
}

/* "HTTP/1.x NNN": the status code, or -1. */
static int http_status(const uint8_t *s, size_t n)
{
	if (n < 12 || memcmp(s, "HTTP/1.", 7) || !isdigit(s[7]) || s[8] != ' ' ||
	    !isdigit(s[9]) || !isdigit(s[10]) || !isdigit(s[11]) || (n > 12 && s[12] != ' '))
		return -1;
	return (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
}

/* "NNN" followed by ' ', '-' or the end: the reply code, or -1. */
static int smtp_code(const uint8_t *s, size_t n)
{
	if (n < 3 || !isdigit(s[0]) || !isdigit(s[1]) || !isdigit(s[2]) ||
	    (n > 3 && s[3] != ' ' && s[3] != '-') || s[0] < '2' || s[0] > '5')
		return -1;
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

/* The leading word in upper case (letters only), "" when there is none. */
static void first_word(const uint8_t *s, size_t n, char *out, size_t size)
{
	size_t i;

	for (i = 0; i < n && i + 1 < size && isalpha(s[i]); i++)
		out[i] = (char)toupper(s[i]);
	out[i] = '\0';
	if (i < n && i + 1 >= size)
		out[0] = '\0';	/* too long to be a verb */
}

static void emit(struct lineproto *lp, int dir, enum lp_kind kind, const char *verb)
{
	struct lp_dir *d = &lp->d[dir];
	struct lp_label l;

	memset(&l, 0, sizeof(l));
	l.dir = dir;
	l.off = d->line_off;
	l.proto = lp->proto;
	l.kind = kind;
	snprintf(l.verb, sizeof(l.verb), "%s", verb);
	memcpy(l.text, d->line, d->line_len);
	l.text_len = d->line_len;
	d->labeled = 1;
	if (lp->cb)
		lp->cb(lp->ctx, &l);
}

/* ---- protocol detection ---- */

static void detect(struct lineproto *lp, int dir, const uint8_t *s, size_t n, int partial)
{
	char w[16];

	if (dir == 1) {
		if (smtp_code(s, n) == 220)
			lp->proto = LP_SMTP;
		else if (n >= 7 && !memcmp(s, "HTTP/1.", 7))
			lp->proto = LP_HTTP;
		else if (!partial || n >= 8)
			lp->proto = LP_OTHER;
		return;
	}
	first_word(s, n, w, sizeof(w));
	if (http_request_method(s, n, 1))
		lp->proto = LP_HTTP;
	else if ((!strcmp(w, "EHLO") || !strcmp(w, "HELO")) && (n == 4 || s[4] == ' '))
		lp->proto = LP_SMTP;
	else if (!partial || n >= 8)
		lp->proto = LP_OTHER;
}

/* ---- SMTP ---- */

static uint64_t parse_u64(const uint8_t *s, size_t n, int base, int *ok);

/* Commands waiting for their replies share the method ring of HTTP. */
static void queue_push(struct lineproto *lp, const char *verb)
{
	if (lp->mtail - lp->mhead == 16)
		lp->mhead++;
	snprintf(lp->methods[lp->mtail++ % 16], sizeof(lp->methods[0]), "%s", verb);
}

static const char *queue_pop(struct lineproto *lp)
{
	if (lp->mhead == lp->mtail)
		return "";
	return lp->methods[lp->mhead++ % 16];
}

static void smtp_line(struct lineproto *lp, int dir, int partial)
{
	struct lp_dir *d = &lp->d[dir];
	const uint8_t *s = d->line;
	size_t n = d->line_len;
	char w[16];

	if (dir == 0) {
		if (lp->smtp_data == 2) {
			if (!partial && n == 1 && s[0] == '.') {
				if (!d->labeled)
					emit(lp, dir, LP_SMTP_END, ".");
				lp->smtp_data = 0;
				queue_push(lp, ".");
			} else if (lp->smtp_body_first && !d->labeled && (n > 1 || !partial)) {
				emit(lp, dir, LP_SMTP_BODY, "");
			}
			if (!partial)
				lp->smtp_body_first = 0;
			return;
		}
		if (lp->smtp_auth) {
			if (!d->labeled)
				emit(lp, dir, LP_SMTP_AUTH, "AUTH");
			if (!partial)
				lp->smtp_auth = 0;
			return;
		}
		first_word(s, n, w, sizeof(w));
		if (!w[0] || (partial && strlen(w) == n))
			return;		/* the verb may go on in the next segment */
		if (!d->labeled)
			emit(lp, dir, LP_SMTP_COMMAND, w);
		if (!partial) {
			queue_push(lp, w);
			if (!strcmp(w, "DATA"))
				lp->smtp_data = 1;
			if (!strcmp(w, "BDAT") && n > 5) {
				int ok;
				uint64_t size = parse_u64(s + 5, n - 5, 10, &ok);

				lp->smtp_bdat_left = ok ? size : 0;
			}
		}
		return;
	}
	{
		int code = smtp_code(s, n);
		char cs[16];

		if (code < 0)
			return;
		snprintf(cs, sizeof(cs), "%d", code);
		if (!d->labeled)
			emit(lp, dir, LP_SMTP_REPLY, cs);
		if (partial || (n > 3 && s[3] == '-'))
			return;		/* only the last line of a reply answers */
		lp->smtp_auth = code == 334;
		if (lp->smtp_greeted) {
			const char *cmd = queue_pop(lp);

			if (!strcmp(cmd, "DATA")) {
				lp->smtp_data = code == 354 ? 2 : 0;
				lp->smtp_body_first = code == 354;
			} else if (!strcmp(cmd, "STARTTLS") && code == 220) {
				/* TLS from the next byte on, both ways: one label each */
				lp->smtp_starttls = 2;
				lp->d[0].labeled = lp->d[1].labeled = 0;
			}
		}
		lp->smtp_greeted = 1;
	}
}

/* ---- HTTP ---- */

static uint64_t parse_u64(const uint8_t *s, size_t n, int base, int *ok)
{
	uint64_t v = 0;
	size_t i = 0;
	int digits = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; i < n; i++) {
		int c = s[i], x;

		if (isdigit(c))
			x = c - '0';
		else if (base == 16 && isxdigit(c))
			x = tolower(c) - 'a' + 10;
		else
			break;
		if (v > (UINT64_MAX - (uint64_t)x) / (uint64_t)base) {
			*ok = 0;
			return 0;
		}
		v = v * (uint64_t)base + (uint64_t)x;
		digits++;
	}
	*ok = digits > 0;
	return v;
}

static void http_start_line(struct lineproto *lp, int dir, int partial)
{
	struct lp_dir *d = &lp->d[dir];
	const uint8_t *s = d->line;
	size_t n = d->line_len;

	if (dir == 0) {
		/* a line cut at LP_TEXT_MAX (a long target) lost its version: check the start only */
		const char *m = http_request_method(s, n, partial || n >= LP_TEXT_MAX - 1);

		if (!m)
			return;
		if (!d->labeled)
			emit(lp, dir, LP_HTTP_REQUEST, m);
		if (!partial) {
			queue_push(lp, m);
			d->http_state = HS_HEADERS;
			d->chunked = d->has_length = 0;
			d->body_left = 0;
		}
	} else {
		int code = partial && n < 12 ? -1 : http_status(s, n);
		char cs[16];

		if (code < 0)
			return;
		snprintf(cs, sizeof(cs), "%d", code);
		if (!d->labeled)
			emit(lp, dir, LP_HTTP_RESPONSE, cs);
		if (!partial) {
			d->http_state = HS_HEADERS;
			d->chunked = d->has_length = 0;
			d->body_left = 0;
			d->body_to_close = code;	/* kept until the headers end */
		}
	}
}

static void http_headers_end(struct lineproto *lp, int dir)
{
	struct lp_dir *d = &lp->d[dir];

	if (dir == 0) {
		d->http_state = d->chunked ? HS_CHUNK_SIZE :
			d->has_length && d->body_left ? HS_BODY : HS_START;
		return;
	}
	{
		int code = d->body_to_close;
		const char *m = "";

		if (code < 100 || code >= 200 || code == 101)
			m = queue_pop(lp);
		if (code == 101 || (!strcmp(m, "CONNECT") && code / 100 == 2))
			d->http_state = HS_TO_CLOSE;	/* another protocol from here on */
		else if (code / 100 == 1 || code == 204 || code == 304 || !strcmp(m, "HEAD"))
			d->http_state = HS_START;
		else if (d->chunked)
			d->http_state = HS_CHUNK_SIZE;
		else if (d->has_length)
			d->http_state = d->body_left ? HS_BODY : HS_START;
		else
			d->http_state = HS_TO_CLOSE;
	}
}

static void http_line(struct lineproto *lp, int dir, int partial)
{
	struct lp_dir *d = &lp->d[dir];
	const uint8_t *s = d->line;
	size_t n = d->line_len;
	int ok;

	switch (d->http_state) {
	case HS_START:
	case HS_LOST:
		http_start_line(lp, dir, partial);
		break;
	case HS_HEADERS:
		if (partial)
			break;
		if (n == 0) {
			http_headers_end(lp, dir);
		} else if (starts_ci(s, n, "content-length:")) {
			uint64_t v = parse_u64(s + 15, n - 15, 10, &ok);

			if (ok) {
				d->has_length = 1;
				d->body_left = v;
			}
		} else if (starts_ci(s, n, "transfer-encoding:")) {
			size_t i;

			for (i = 18; i + 7 <= n; i++)
				if (starts_ci(s + i, n - i, "chunked"))
					d->chunked = 1;
		}
		break;
	case HS_CHUNK_SIZE:
		if (partial)
			break;
		d->body_left = parse_u64(s, n, 16, &ok);
		if (!ok)
			d->http_state = HS_LOST;
		else
			d->http_state = d->body_left ? HS_CHUNK_DATA : HS_TRAILERS;
		break;
	case HS_CHUNK_CRLF:
		if (!partial)
			d->http_state = n == 0 ? HS_CHUNK_SIZE : HS_LOST;
		break;
	case HS_TRAILERS:
		if (!partial && n == 0)
			d->http_state = HS_START;
		break;
	}
}

/* ---- the byte loop ---- */

static void line_event(struct lineproto *lp, int dir, int partial)
{
	struct lp_dir *d = &lp->d[dir];

	if (lp->proto == LP_UNKNOWN)
		detect(lp, dir, d->line, d->line_len, partial);
	if (lp->proto == LP_SMTP)
		smtp_line(lp, dir, partial);
	else if (lp->proto == LP_HTTP)
		http_line(lp, dir, partial);
}

static int in_body(const struct lineproto *lp, const struct lp_dir *d)
{
	return lp->proto == LP_HTTP && (d->http_state == HS_BODY || d->http_state == HS_CHUNK_DATA ||
					d->http_state == HS_TO_CLOSE);
}

void lp_feed(struct lineproto *lp, int dir, int64_t off, const uint8_t *data, size_t len)
{
	struct lp_dir *d = &lp->d[dir];

	while (len) {
		const uint8_t *lf;
		size_t n;

		if (lp->proto == LP_OTHER)
			return;
		if (lp->proto == LP_SMTP && lp->smtp_starttls == 2) {
			if (!d->labeled) {
				d->line_off = off;
				d->line_len = 0;
				emit(lp, dir, LP_TLS, "TLS");
			}
			d->in_line = 0;
			return;
		}
		if (dir == 0 && lp->smtp_bdat_left && lp->proto == LP_SMTP && !d->in_line) {
			n = len < lp->smtp_bdat_left ? len : (size_t)lp->smtp_bdat_left;
			lp->smtp_bdat_left -= n;
			off += (int64_t)n;
			data += n;
			len -= n;
			continue;
		}
		if (in_body(lp, d)) {
			if (d->http_state == HS_TO_CLOSE)
				return;
			n = len < d->body_left ? len : (size_t)d->body_left;
			d->body_left -= n;
			off += (int64_t)n;
			data += n;
			len -= n;
			if (!d->body_left)
				d->http_state = d->http_state == HS_CHUNK_DATA ? HS_CHUNK_CRLF : HS_START;
			continue;
		}
		if (!d->in_line) {
			d->in_line = 1;
			d->labeled = 0;
			d->line_len = 0;
			d->line_off = off;
		}
		lf = memchr(data, '\n', len);
		n = lf ? (size_t)(lf - data) + 1 : len;
		if (!d->skip_line) {
			size_t room = LP_TEXT_MAX - 1 - d->line_len, take = lf ? n - 1 : n;

			if (take > room)
				take = room;
			memcpy(d->line + d->line_len, data, take);
			d->line_len += take;
		}
		off += (int64_t)n;
		data += n;
		len -= n;
		if (lf) {
			if (d->line_len && d->line[d->line_len - 1] == '\r')
				d->line_len--;
			if (!d->skip_line)
				line_event(lp, dir, 0);
			d->skip_line = 0;
			d->in_line = 0;
		}
	}
}

void lp_segment_end(struct lineproto *lp, int dir)
{
	struct lp_dir *d = &lp->d[dir];

	if (d->in_line && !d->labeled && !d->skip_line && d->line_len &&
	    lp->proto != LP_OTHER && !in_body(lp, d))
		line_event(lp, dir, 1);
}

void lp_gap(struct lineproto *lp, int dir, uint64_t len)
{
	struct lp_dir *d = &lp->d[dir];

	if (dir == 0 && lp->smtp_bdat_left) {
		/* inside a BDAT chunk of known size: still in step if it ends after the gap */
		if (lp->smtp_bdat_left > len) {
			lp->smtp_bdat_left -= len;
			return;
		}
		lp->smtp_bdat_left = 0;
	}
	if (in_body(lp, d)) {
		/* a gap inside a body of known length keeps us in step */
		if (d->http_state == HS_TO_CLOSE)
			return;
		if (d->body_left > len) {
			d->body_left -= len;
			return;
		}
		d->http_state = HS_LOST;
		return;
	}
	/* the rest of the current line is unknown: skip to the next one */
	if (d->in_line)
		d->skip_line = 1;
	if (lp->proto == LP_HTTP)
		d->http_state = HS_LOST;
	if (lp->proto == LP_SMTP && dir == 0 && lp->smtp_data == 2)
		lp->smtp_body_first = 0;
}

int lp_in_step(const struct lineproto *lp, int dir)
{
	const struct lp_dir *d = &lp->d[dir];

	return !d->skip_line && !(lp->proto == LP_HTTP && d->http_state == HS_LOST);
}

char *lp_label_short(const struct lp_label *l, char *out, size_t size)
{
	switch (l->kind) {
	case LP_SMTP_COMMAND:
	case LP_SMTP_REPLY:
		snprintf(out, size, "SMTP %s", l->verb);
		break;
	case LP_SMTP_AUTH: snprintf(out, size, "SMTP AUTH data"); break;
	case LP_SMTP_BODY: snprintf(out, size, "SMTP message"); break;
	case LP_SMTP_END: snprintf(out, size, "SMTP end of message"); break;
	case LP_TLS: snprintf(out, size, "TLS"); break;
	case LP_HTTP_REQUEST:
	case LP_HTTP_RESPONSE:
		snprintf(out, size, "HTTP %s", l->verb);
		break;
	}
	return out;
}
