/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_LINEPROTO_H
#define KANSOKU_FLOW_LINEPROTO_H

#include <stddef.h>
#include <stdint.h>

/*
 * Labels for the lines of line-based protocols in a reassembled TCP
 * conversation: SMTP commands and replies (RFC 5321, including the DATA
 * phase, BDAT chunks (RFC 3030: skipped by their size), AUTH exchanges
 * and STARTTLS, after which the stream is TLS), and
 * HTTP/1.x request and status lines (RFC 9112: message bodies are skipped
 * by Content-Length or chunked coding, so body text is never mistaken for
 * a request line).
 *
 * The protocol is recognised from the content (a server greeting "220",
 * an HTTP method or status line), not from port numbers alone. Bytes are
 * fed per direction in stream order, as flow/reasm.h delivers them; a gap
 * makes the labeler skip to the next line (HTTP waits for the next message
 * start it can recognise). Nothing here allocates.
 */

enum lp_proto {
	LP_UNKNOWN = 0,
	LP_SMTP,
	LP_HTTP,
	LP_OTHER,		/* neither: no labels */
};

enum lp_kind {
	LP_SMTP_COMMAND,	/* verb: EHLO, MAIL, ... */
	LP_SMTP_REPLY,		/* verb: the three-digit code */
	LP_SMTP_AUTH,		/* a client line answering a 334 challenge */
	LP_SMTP_BODY,		/* the first line of the message content */
	LP_SMTP_END,		/* the "." ending the message content */
	LP_TLS,			/* first bytes after STARTTLS: encrypted from here on */
	LP_HTTP_REQUEST,	/* verb: the method */
	LP_HTTP_RESPONSE,	/* verb: the status code */
};

#define LP_TEXT_MAX 160

struct lp_label {
	int dir;		/* 0 client to server, 1 server to client */
	int64_t off;		/* stream offset of the line's first byte */
	enum lp_proto proto;
	enum lp_kind kind;
	char verb[16];
	char text[LP_TEXT_MAX];	/* the line (raw bytes, without CR LF; cut at LP_TEXT_MAX - 1) */
	size_t text_len;
};

typedef void (*lp_label_fn)(void *ctx, const struct lp_label *l);

/* State first, the line buffer last: a packet that only skips bytes touches one cache line. */
struct lp_dir {
	size_t line_len;	/* bytes kept (at most LP_TEXT_MAX - 1) */
	int64_t line_off;	/* offset of the current line's first byte */
	int in_line;		/* a line has started */
	int labeled;		/* the current line has been labelled already */
	int skip_line;		/* after a gap: ignore up to the next LF */
	/* HTTP message framing */
	int http_state;
	uint64_t body_left;	/* bytes of body (or chunk) still to skip */
	int chunked, has_length, body_to_close;
	uint8_t line[LP_TEXT_MAX];
};

struct lineproto {
	enum lp_proto proto;
	/* SMTP */
	int smtp_data;		/* 0 commands, 1 DATA sent, 2 in message content */
	int smtp_body_first;	/* next content line is the first */
	int smtp_auth;		/* a 334 challenge is pending */
	int smtp_starttls;	/* 2: TLS from here on */
	int smtp_greeted;	/* the greeting (a reply to no command) has been seen */
	uint64_t smtp_bdat_left;	/* bytes of a BDAT chunk (RFC 3030) still to skip */
	unsigned mhead, mtail;	/* of methods[] */
	lp_label_fn cb;
	void *ctx;
	struct lp_dir d[2];
	/* HTTP: methods of requests waiting for their responses (HEAD has no body) */
	char methods[16][16];
};

void lp_init(struct lineproto *lp, lp_label_fn cb, void *ctx);

/* Bytes of direction dir at stream offset off, in order. */
void lp_feed(struct lineproto *lp, int dir, int64_t off, const uint8_t *data, size_t len);

/* `len` bytes of direction dir are missing here. */
void lp_gap(struct lineproto *lp, int dir, uint64_t len);

/*
 * A segment ends here: a line that started but has not ended yet is
 * labelled now from what it has so far (the label's line is then cut),
 * so that every label belongs to the segment where its line starts.
 */
void lp_segment_end(struct lineproto *lp, int dir);

/*
 * Whether the labeler knows where it stands in direction dir: not skipping
 * to the next line, nor (HTTP) waiting for a message start after a gap.
 */
int lp_in_step(const struct lineproto *lp, int dir);

/* "SMTP", "HTTP" or NULL. */
const char *lp_proto_name(enum lp_proto p);

/* Short label: "SMTP EHLO", "SMTP 250", "HTTP GET", "HTTP 200", "SMTP message", "TLS"... into out. */
char *lp_label_short(const struct lp_label *l, char *out, size_t size);

#endif
