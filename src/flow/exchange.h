/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_EXCHANGE_H
#define KANSOKU_FLOW_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "flow/conv.h"
#include "net/decode.h"

/*
 * Application exchanges: one request and its answer, timed from the
 * request to the first byte of the answer.
 *
 *  - SMTP (RFC 5321): each command and its reply, the server greeting (timed
 *    from the handshake's last ACK), the end of the message content ("."),
 *    pipelined commands (RFC 2920) answered in order, multi-line replies
 *    timed at their first line. Nothing after STARTTLS succeeds (TLS).
 *  - HTTP/1.x (RFC 9112): each request and its final status line, pipelined
 *    requests answered in order; interim 1xx responses (100-continue) do not
 *    end an exchange. The request time is that of the last segment of the
 *    request (line, headers and body) seen before its answer began.
 *  - DNS (RFC 1035) over UDP and TCP (length-prefixed messages): a query and
 *    the response with the same id, question (name case-insensitively, type,
 *    class) and addresses. A query sent again while unanswered is a
 *    duplicate, counted on the first; the time runs from the first.
 *
 * Protocols are recognised by content, on any port: SMTP and HTTP as
 * flow/lineproto.h labels them on the reassembled stream (flow/reasm.h),
 * DNS by a message that parses exactly. Nothing is invented from missing
 * bytes: an exchange whose request or answer may lie in a gap of the stream
 * ends as EXCH_F_INCOMPLETE without an answer time.
 *
 * Each exchange is handed to the `emit` callback once, when it is answered
 * or given up (the record and its strings are valid during the call only).
 * Records come in the order exchanges end, not in request order.
 *
 * Memory: per TCP conversation with payload a small fixed state (at most
 * EXCH_CONV_PENDING requests awaiting answers; one more ends the oldest as
 * EXCH_F_DROPPED), and one table of DNS queries in flight, at most
 * max_dns_pending (the oldest goes as EXCH_F_DROPPED) and each for at most
 * `timeout_us` of capture time (then EXCH_F_UNANSWERED). Nothing is
 * allocated per packet.
 */

enum exch_proto {
	EXCH_SMTP = 0,
	EXCH_HTTP,
	EXCH_DNS,
	EXCH_NPROTO
};

/* What was asked. */
enum exch_kind {
	EXCH_SMTP_GREETING = 0,
	EXCH_SMTP_EHLO,		/* EHLO or HELO (verb tells which) */
	EXCH_SMTP_MAIL,
	EXCH_SMTP_RCPT,
	EXCH_SMTP_DATA,
	EXCH_SMTP_END_OF_DATA,	/* the "." after the message content */
	EXCH_SMTP_BDAT,
	EXCH_SMTP_QUIT,
	EXCH_SMTP_STARTTLS,
	EXCH_SMTP_AUTH,		/* the AUTH command and each answer to a 334 challenge */
	EXCH_SMTP_RSET,
	EXCH_SMTP_OTHER,	/* NOOP, VRFY, ...: verb tells */
	EXCH_HTTP_REQUEST,	/* verb: method, detail: request target */
	EXCH_DNS_QUERY,		/* verb: query type ("A", "TYPE65534"), detail: name */
	EXCH_NKIND
};

/* struct exch_record.flags */
enum {
	EXCH_F_UNANSWERED = 1 << 0,	/* no answer: timed out, or the conversation/capture ended */
	EXCH_F_DUPLICATE = 1 << 1,	/* DNS: the query was sent more than once (retries > 0) */
	EXCH_F_INCOMPLETE = 1 << 2,	/* bytes of the request or answer were not captured */
	EXCH_F_DROPPED = 1 << 3,	/* given up to bound memory (too many in flight) */
	EXCH_F_INTERIM = 1 << 4,	/* HTTP: a 1xx interim response came before the answer */
	EXCH_F_TCP = 1 << 5,		/* DNS over TCP */
};

#define EXCH_VERB_MAX 16
#define EXCH_DETAIL_MAX 256
#define EXCH_CONV_PENDING 32	/* requests awaiting answers per conversation */

struct exch_record {
	enum exch_proto proto;
	enum exch_kind kind;
	uint64_t conv_id;	/* the conversation (flow/conv.h id, as in `flows`) */
	uint8_t af;		/* 4 or 6 */
	uint8_t addr[2][16];	/* [0] client (asked), [1] server (answered) */
	uint16_t port[2];
	char verb[EXCH_VERB_MAX];	/* "EHLO", "GET", "AAAA"; "" for the greeting */
	char detail[EXCH_DETAIL_MAX];	/* HTTP target, DNS name, SMTP argument (cut) */
	uint16_t dns_id;	/* DNS message id */
	int64_t req_us;		/* time of the request (see above) */
	int64_t resp_us;	/* time of the answer's first byte; -1: none */
	int code;		/* SMTP reply code, HTTP status, DNS rcode; -1: none */
	unsigned retries;	/* DNS duplicates of the query */
	unsigned flags;		/* EXCH_F_* */
};

typedef void (*exch_emit_fn)(void *ctx, const struct exch_record *e);

struct exch_opts {
	int64_t timeout_us;	/* a DNS query unanswered this long is given up; 0: 10 s */
	size_t max_dns_pending;	/* 0: 100000 */
	exch_emit_fn emit;
	void *ctx;
};

struct exch_stats {
	uint64_t exchanges[EXCH_NPROTO];	/* records emitted, per protocol */
	uint64_t unanswered, duplicates, incomplete, dropped;
	uint64_t dns_unmatched;		/* DNS responses to no query seen */
	size_t dns_peak;		/* most DNS queries in flight at once */
};

struct exch_tracker;

struct exch_tracker *exch_new(const struct exch_opts *o);
/* Frees the tracker; call exch_finish() first to have pending exchanges emitted. */
void exch_free(struct exch_tracker *t);

/*
 * One TCP or UDP packet as the conversation table accounted it (the
 * signature of flow_packet_fn in flow/feed.h). Per-conversation state
 * hangs on c->exch.
 */
void exch_packet(struct exch_tracker *t, struct conv *c, const struct conv_pkt *r,
		 const struct net_packet *p, int64_t ts_us);

/* The conversation ended (the table's on_end): its pending exchanges end unanswered. */
void exch_conv_end(struct exch_tracker *t, struct conv *c);

/* End of input at capture time ts_us: DNS queries in flight end unanswered. */
void exch_finish(struct exch_tracker *t, int64_t ts_us);

const struct exch_stats *exch_stats(const struct exch_tracker *t);

/* "SMTP", "HTTP", "DNS". */
const char *exch_proto_name(enum exch_proto p);
/* "greeting", "EHLO", "MAIL", ..., "end-of-data", "other", "request", "query". */
const char *exch_kind_name(enum exch_kind k);

/* Answer time in seconds, or -1 when unanswered. */
static inline double exch_seconds(const struct exch_record *e)
{
	return e->resp_us < 0 ? -1.0 : (double)(e->resp_us - e->req_us) / 1e6;
}

#endif
