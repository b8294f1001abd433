/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_SECURE_H
#define KANSOKU_DNS_SECURE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "dns/server.h"

/*
 * Encrypted DNS transports for the measuring engine: DNS over TLS (RFC
 * 7858: two-byte length before each message, RFC 7766 pipelining, answers
 * matched by id) and DNS over HTTPS (RFC 8484: one HTTP/2 stream per query,
 * POST of application/dns-message, or GET with ?dns=base64url).
 *
 * TLS is GnuTLS, HTTP/2 is libnghttp2. One connection per server, used as a
 * stub resolver uses it: opened by the first query, reused for the next
 * ones, reopened after a failure resuming the previous TLS session.
 * Certificates are always checked: against the system's trust store or the
 * CA file given, and the server's name (or the name given instead).
 *
 * Everything is non-blocking and driven by the engine's poll loop: the
 * connection tells which fd and events to wait for, and reports answers and
 * failures through callbacks. It never waits on its own, so a peer that
 * stalls mid-handshake costs only the queries' timeouts.
 */
struct dns_tls_ctx;
struct dns_conn;

/* Trust: the system's store, or the PEM CA certificates in ca_file. */
int dns_tls_ctx_new(struct dns_tls_ctx **out, const char *ca_file, struct kerr *err);
void dns_tls_ctx_free(struct dns_tls_ctx *t);

struct dns_conn_callbacks {
	void *ctx;
	/*
	 * A DNS message arrived at rx_mono (CLOCK_MONOTONIC ns). tag is the one
	 * given with the query for HTTPS (the stream says which query it
	 * answers), DNS_CONN_NO_TAG for TLS (the engine matches by id).
	 */
	void (*answer)(void *ctx, size_t server, uint32_t tag, const uint8_t *msg, size_t len,
		       int64_t rx_mono);
	/* One query failed on a connection that stays up (an HTTP error status). */
	void (*query_failed)(void *ctx, size_t server, uint32_t tag, const char *why);
	/* The connection is up (handshake done) at mono. */
	void (*ready)(void *ctx, size_t server, int64_t mono);
	/* The connection is gone: every query on it is lost. */
	void (*failed)(void *ctx, size_t server, const char *why);
};

#define DNS_CONN_NO_TAG UINT32_MAX

/*
 * A connection to server s (transport TLS or HTTPS), the index-th server of
 * the run. verify_name: the name the certificate must carry (NULL: the
 * server's host as written). get: DNS over HTTPS by GET instead of POST.
 */
struct dns_conn *dns_conn_new(struct dns_tls_ctx *t, const struct dns_server *s, size_t index,
			      const char *verify_name, int get, const struct dns_conn_callbacks *cb);
void dns_conn_free(struct dns_conn *c);

/*
 * Queues one query (wire form). Opens the connection first when there is
 * none; then *opened is set (the query's time includes the handshake).
 * Returns -1 when it cannot even start (the failed callback has run).
 */
int dns_conn_send(struct dns_conn *c, const uint8_t *msg, size_t len, uint32_t tag, int *opened);

/* The fd to poll and the events to wait for; fd -1 when closed. */
int dns_conn_fd(const struct dns_conn *c);
short dns_conn_poll_events(const struct dns_conn *c);
/* Does the work poll() said the fd is ready for. */
void dns_conn_io(struct dns_conn *c, short revents);
/* Handshake done and not closed since. */
int dns_conn_is_ready(const struct dns_conn *c);
/* Gives up on the connection (a query timed out during the handshake). */
void dns_conn_abort(struct dns_conn *c, const char *why);

/* Counts and what was negotiated, for reporting. */
struct dns_conn_stats {
	uint64_t opened;		/* connections started */
	uint64_t established;		/* handshakes completed */
	uint64_t resumed;		/* of those, with a resumed TLS session */
	uint64_t failed;		/* connections lost or refused */
	uint64_t closed;		/* idle connections the server closed (reopened when needed) */
	char proto[96];			/* "TLS1.3 AES-256-GCM, h2" of the latest */
	char error[256];		/* the latest failure, "" when none */
};
const struct dns_conn_stats *dns_conn_stats(const struct dns_conn *c);

#endif
