/* SPDX-License-Identifier: MIT */
/*
 * DNS over TLS and DNS over HTTPS connections on GnuTLS and libnghttp2,
 * non-blocking, for the engine's poll loop (see dns/secure.h).
 */
#define _GNU_SOURCE
#include "dns/secure.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <strings.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "dns/wire.h"

#define RECORD_CHUNK 16384
#define MAX_RESPONSE 65535

struct dns_tls_ctx {
	gnutls_certificate_credentials_t cred;
};

enum conn_state { C_CLOSED, C_CONNECTING, C_HANDSHAKE, C_READY };

/* One HTTP/2 stream: the query's body going out, the answer coming in. */
struct h2_stream {
	struct h2_stream *prev, *next;	/* the connection's open streams */
	uint32_t tag;
	uint8_t body[2 + 512];
	size_t blen, boff;
	int status;			/* :status, 0 until seen */
	int bad_type;			/* content-type not application/dns-message */
	struct buf resp;
};

struct dns_conn {
	struct dns_tls_ctx *tls;
	const struct dns_server *srv;
	size_t index;
	char verify_name[256];
	char authority[300];
	int get;
	struct dns_conn_callbacks cb;
	int fd;
	enum conn_state state;
	gnutls_session_t session;
	gnutls_datum_t resume;		/* the last session's resumption data */
	int have_resume;
	nghttp2_session *h2;
	struct h2_stream *streams;	/* open streams: freed with the session */
	char h2err[160];		/* nghttp2's word on the latest protocol error */
	struct buf out;			/* plaintext waiting to be sent */
	size_t again;			/* bytes of a record send that returned EAGAIN */
	uint8_t *in;			/* DoT: received bytes not yet a whole message */
	size_t inlen;
	struct dns_conn_stats st;
	unsigned outstanding;		/* queries sent and not yet answered on this connection */
	int64_t rx_mono;		/* when the bytes being processed were read */
};

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int dns_tls_ctx_new(struct dns_tls_ctx **out, const char *ca_file, struct kerr *err)
{
	struct dns_tls_ctx *t = xcalloc(1, sizeof(*t));
	int rc;

	*out = NULL;
	if (gnutls_certificate_allocate_credentials(&t->cred) < 0) {
		free(t);
		return kerr_set(err, "cannot set up TLS");
	}
	if (ca_file) {
		FILE *f = fopen(ca_file, "r");

		if (!f) {
			int e = errno;

			dns_tls_ctx_free(t);
			return kerr_errno(err, e, "%s", ca_file);
		}
		fclose(f);
		rc = gnutls_certificate_set_x509_trust_file(t->cred, ca_file, GNUTLS_X509_FMT_PEM);
		if (rc <= 0) {
			dns_tls_ctx_free(t);
			if (rc == 0)
				return kerr_set(err, "%s: no CA certificate in it (expected PEM)", ca_file);
			return kerr_set(err, "%s: cannot read CA certificates: %s", ca_file,
					gnutls_strerror(rc));
		}
	} else {
		rc = gnutls_certificate_set_x509_system_trust(t->cred);
		if (rc < 0) {
			dns_tls_ctx_free(t);
			return kerr_set(err, "cannot load the system's CA certificates: %s (give --tls-ca)",
					gnutls_strerror(rc));
		}
	}
	*out = t;
	return 0;
}

void dns_tls_ctx_free(struct dns_tls_ctx *t)
{
	if (!t)
		return;
	gnutls_certificate_free_credentials(t->cred);
	free(t);
}

/* ---- the connection's life ---- */

static void stream_free(struct dns_conn *c, struct h2_stream *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		c->streams = s->next;
	if (s->next)
		s->next->prev = s->prev;
	buf_release(&s->resp);
	free(s);
}

static void conn_close(struct dns_conn *c)
{
	if (c->session) {
		gnutls_deinit(c->session);
		c->session = NULL;
	}
	if (c->h2) {
		nghttp2_session_del(c->h2);
		c->h2 = NULL;
	}
	while (c->streams)
		stream_free(c, c->streams);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->state = C_CLOSED;
	buf_reset(&c->out);
	c->again = 0;
	c->inlen = 0;
	c->outstanding = 0;
}

/* The connection is lost: tell the engine once, with why. */
static void conn_fail(struct dns_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void conn_fail(struct dns_conn *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->st.error, sizeof(c->st.error), fmt, ap);
	va_end(ap);
	c->st.failed++;
	conn_close(c);
	c->cb.failed(c->cb.ctx, c->index, c->st.error);
}

void dns_conn_abort(struct dns_conn *c, const char *why)
{
	if (c->state != C_CLOSED)
		conn_fail(c, "%s", why);
}

/* ---- HTTP/2 ---- */

static ssize_t h2_read_body(nghttp2_session *h2, int32_t stream_id, uint8_t *buf, size_t length,
			    uint32_t *data_flags, nghttp2_data_source *source, void *user)
{
	struct h2_stream *s = source->ptr;
	size_t n = s->blen - s->boff;

	(void)h2, (void)stream_id, (void)user;
	if (n > length)
		n = length;
	memcpy(buf, s->body + s->boff, n);
	s->boff += n;
	if (s->boff == s->blen)
		*data_flags |= NGHTTP2_DATA_FLAG_EOF;
	return (ssize_t)n;
}

static int h2_on_header(nghttp2_session *h2, const nghttp2_frame *frame, const uint8_t *name,
			size_t namelen, const uint8_t *value, size_t valuelen, uint8_t flags, void *user)
{
	struct h2_stream *s;

	(void)flags, (void)user;
	if (frame->hd.type != NGHTTP2_HEADERS)
		return 0;
	s = nghttp2_session_get_stream_user_data(h2, frame->hd.stream_id);
	if (!s)
		return 0;
	if (namelen == 7 && !memcmp(name, ":status", 7)) {
		s->status = 0;
		for (size_t i = 0; i < valuelen && i < 3; i++)
			s->status = s->status * 10 + (value[i] - '0');
	} else if (namelen == 12 && !memcmp(name, "content-type", 12)) {
		/* RFC 8484 4.2.1: the answer is application/dns-message */
		s->bad_type = !(valuelen >= 23 && !strncasecmp((const char *)value,
							       "application/dns-message", 23));
	}
	return 0;
}

static int h2_on_data(nghttp2_session *h2, uint8_t flags, int32_t stream_id, const uint8_t *data,
		      size_t len, void *user)
{
	struct h2_stream *s = nghttp2_session_get_stream_user_data(h2, stream_id);

	(void)flags, (void)user;
	if (s && buf_add(&s->resp, data, len))
		return nghttp2_submit_rst_stream(h2, NGHTTP2_FLAG_NONE, stream_id,
						 NGHTTP2_FRAME_SIZE_ERROR) ? NGHTTP2_ERR_CALLBACK_FAILURE : 0;
	return 0;
}

static int h2_on_close(nghttp2_session *h2, int32_t stream_id, uint32_t error_code, void *user)
{
	struct dns_conn *c = user;
	struct h2_stream *s = nghttp2_session_get_stream_user_data(h2, stream_id);
	char why[128];

	if (!s)
		return 0;
	nghttp2_session_set_stream_user_data(h2, stream_id, NULL);
	if (c->outstanding)
		c->outstanding--;
	/* a session being torn down closes its streams: conn_fail reports those */
	if (c->state == C_READY) {
		if (error_code != NGHTTP2_NO_ERROR) {
			snprintf(why, sizeof(why), "HTTP/2 stream reset by the server: %s",
				 nghttp2_http2_strerror(error_code));
			c->cb.query_failed(c->cb.ctx, c->index, s->tag, why);
		} else if (s->status != 200) {
			snprintf(why, sizeof(why), "HTTP status %d instead of 200", s->status);
			c->cb.query_failed(c->cb.ctx, c->index, s->tag, why);
		} else if (s->bad_type) {
			c->cb.query_failed(c->cb.ctx, c->index, s->tag,
					   "answer is not application/dns-message");
		} else {
			c->cb.answer(c->cb.ctx, c->index, s->tag, (const uint8_t *)s->resp.data,
				     s->resp.len, c->rx_mono);
		}
	}
	stream_free(c, s);
	return 0;
}

static int h2_on_error(nghttp2_session *h2, int lib_error_code, const char *msg, size_t len,
		       void *user)
{
	struct dns_conn *c = user;

	(void)h2, (void)lib_error_code;
	snprintf(c->h2err, sizeof(c->h2err), "%.*s", (int)len, msg);
	return 0;
}

static int h2_open(struct dns_conn *c)
{
	nghttp2_session_callbacks *cbs;
	int rc;

	if (nghttp2_session_callbacks_new(&cbs))
		return -1;
	nghttp2_session_callbacks_set_on_header_callback(cbs, h2_on_header);
	nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs, h2_on_data);
	nghttp2_session_callbacks_set_on_stream_close_callback(cbs, h2_on_close);
	nghttp2_session_callbacks_set_error_callback2(cbs, h2_on_error);
	rc = nghttp2_session_client_new(&c->h2, cbs, c);
	nghttp2_session_callbacks_del(cbs);
	if (rc)
		return -1;
	return nghttp2_submit_settings(c->h2, NGHTTP2_FLAG_NONE, NULL, 0) ? -1 : 0;
}

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* RFC 8484 4.1: base64url without padding. */
static void base64url(struct buf *b, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		char q[4] = { b64url[v >> 18], b64url[v >> 12 & 63], b64url[v >> 6 & 63], b64url[v & 63] };

		buf_add(b, q, 4);
	}
	if (n - i == 1) {
		char q[2] = { b64url[p[i] >> 2], b64url[(p[i] & 3) << 4] };

		buf_add(b, q, 2);
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)p[i] << 8 | p[i + 1];
		char q[3] = { b64url[v >> 10], b64url[v >> 4 & 63], b64url[(v & 15) << 2] };

		buf_add(b, q, 3);
	}
}

static int h2_submit(struct dns_conn *c, const uint8_t *msg, size_t len, uint32_t tag)
{
	struct h2_stream *s = xcalloc(1, sizeof(*s));
	struct buf path = BUF_INIT;
	char clen[16];
	nghttp2_data_provider dp;
	int32_t id;

#define HDR(n, v, vl) { (uint8_t *)(n), (uint8_t *)(v), sizeof(n) - 1, (vl), NGHTTP2_NV_FLAG_NONE }
	s->tag = tag;
	buf_init(&s->resp, MAX_RESPONSE);
	if (len > sizeof(s->body)) {
		free(s);
		return -1;
	}
	memcpy(s->body, msg, len);
	s->blen = len;
	buf_adds(&path, c->srv->path);
	if (c->get) {
		buf_adds(&path, strchr(c->srv->path, '?') ? "&dns=" : "?dns=");
		base64url(&path, msg, len);
	}
	snprintf(clen, sizeof(clen), "%zu", len);
	{
		nghttp2_nv hdrs[] = {
			HDR(":method", c->get ? "GET" : "POST", c->get ? 3 : 4),
			HDR(":scheme", "https", 5),
			HDR(":authority", c->authority, strlen(c->authority)),
			HDR(":path", path.data, path.len),
			HDR("accept", "application/dns-message", 23),
			HDR("content-type", "application/dns-message", 23),
			HDR("content-length", clen, strlen(clen)),
		};

		dp.source.ptr = s;
		dp.read_callback = h2_read_body;
		/* GET has no body: its headers end at :path and accept */
		id = nghttp2_submit_request(c->h2, NULL, hdrs, c->get ? 5 : 7, c->get ? NULL : &dp, s);
	}
#undef HDR
	buf_release(&path);
	if (id < 0) {
		buf_release(&s->resp);
		free(s);
		return -1;
	}
	s->next = c->streams;
	if (c->streams)
		c->streams->prev = s;
	c->streams = s;
	return 0;
}

/* Moves what nghttp2 has to send into the plaintext buffer. */
static int h2_pull(struct dns_conn *c)
{
	for (;;) {
		const uint8_t *data;
		ssize_t n = nghttp2_session_mem_send(c->h2, &data);

		if (n < 0) {
			conn_fail(c, "HTTP/2 error: %s", nghttp2_strerror((int)n));
			return -1;
		}
		if (n == 0)
			return 0;
		buf_add(&c->out, data, (size_t)n);
	}
}

/* ---- TLS ---- */

/* Sends what the plaintext buffer holds, as far as the socket takes it. */
static int flush(struct dns_conn *c)
{
	size_t off = 0;

	if (c->h2 && h2_pull(c))
		return -1;
	while (off < c->out.len) {
		size_t n = c->out.len - off;
		ssize_t w;

		if (n > RECORD_CHUNK)
			n = RECORD_CHUNK;
		/* after EAGAIN, GnuTLS must be called again with the same record (or NULL, 0) */
		w = c->again ? gnutls_record_send(c->session, NULL, 0)
			     : gnutls_record_send(c->session, c->out.data + off, n);
		if (w == GNUTLS_E_AGAIN || w == GNUTLS_E_INTERRUPTED) {
			if (!c->again)
				c->again = n;
			break;
		}
		c->again = 0;
		if (w < 0) {
			conn_fail(c, "TLS send failed: %s", gnutls_strerror((int)w));
			return -1;
		}
		off += (size_t)w;
	}
	if (off) {
		memmove(c->out.data, c->out.data + off, c->out.len - off);
		c->out.len -= off;
	}
	return 0;
}

/* DoT: every whole length-prefixed message in the input goes to the engine. */
static void dot_messages(struct dns_conn *c)
{
	size_t pos = 0;

	while (c->inlen - pos >= 2) {
		size_t n = (size_t)c->in[pos] << 8 | c->in[pos + 1];

		if (c->inlen - pos - 2 < n)
			break;
		if (c->outstanding)
			c->outstanding--;
		c->cb.answer(c->cb.ctx, c->index, DNS_CONN_NO_TAG, c->in + pos + 2, n, c->rx_mono);
		if (c->state != C_READY)
			return;		/* the engine gave up on the connection */
		pos += 2 + n;
	}
	memmove(c->in, c->in + pos, c->inlen - pos);
	c->inlen -= pos;
}

/*
 * Acknowledge at once what we read: a server that writes an answer in
 * pieces with Nagle on would otherwise wait for our delayed ACK (40 ms on
 * Linux) before sending the rest. Linux drops back to delayed ACKs by
 * itself, so this is said again before each read.
 */
static void quick_ack(int fd)
{
#ifdef TCP_QUICKACK
	int one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
#else
	(void)fd;
#endif
}

static void on_readable(struct dns_conn *c)
{
	uint8_t buf[RECORD_CHUNK + 64];

	for (;;) {
		quick_ack(c->fd);
		ssize_t n = gnutls_record_recv(c->session, buf, sizeof(buf));

		if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
			return;
		if (n == GNUTLS_E_PREMATURE_TERMINATION && !c->outstanding)
			n = 0;	/* closed without close_notify, while idle: as a close */
		if (n == GNUTLS_E_REHANDSHAKE || n == GNUTLS_E_WARNING_ALERT_RECEIVED)
			continue;
		if (n == 0 && !c->outstanding) {
			/* an idle connection closed by the server (RFC 7766 6.2.3): the next query reopens it */
			c->st.closed++;
			conn_close(c);
			return;
		}
		if (n == 0) {
			conn_fail(c, "the server closed the connection with %u quer%s unanswered",
				  c->outstanding, c->outstanding == 1 ? "y" : "ies");
			return;
		}
		if (n < 0) {
			conn_fail(c, "TLS error: %s", gnutls_strerror((int)n));
			return;
		}
		c->rx_mono = mono_ns();
		if (!c->have_resume && gnutls_session_get_data2(c->session, &c->resume) == 0)
			c->have_resume = 1;	/* TLS 1.3 tickets come after the handshake */
		if (c->h2) {
			ssize_t r = nghttp2_session_mem_recv(c->h2, buf, (size_t)n);

			if (r < 0) {
				conn_fail(c, "HTTP/2 error from the server: %s", nghttp2_strerror((int)r));
				return;
			}
			if (c->state != C_READY || flush(c))
				return;
			/* a protocol error ends the session (GOAWAY sent): the connection is useless */
			if (!nghttp2_session_want_read(c->h2) && !nghttp2_session_want_write(c->h2)) {
				conn_fail(c, "HTTP/2 error from the server: %s",
					  c->h2err[0] ? c->h2err : "the session was ended");
				return;
			}
		} else {
			if (c->inlen + (size_t)n > 2 + MAX_RESPONSE + sizeof(buf))
				c->inlen = 0;	/* cannot happen: whole messages are taken out */
			memcpy(c->in + c->inlen, buf, (size_t)n);
			c->inlen += (size_t)n;
			dot_messages(c);
			if (c->state != C_READY)
				return;
		}
	}
}

static void handshake(struct dns_conn *c)
{
	int rc;

	quick_ack(c->fd);
	rc = gnutls_handshake(c->session);

	if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED)
		return;
	if (rc == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR) {
		gnutls_datum_t out = { NULL, 0 };
		unsigned status = gnutls_session_get_verify_cert_status(c->session);

		gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &out, 0);
		conn_fail(c, "TLS certificate check failed for '%s': %s", c->verify_name,
			  out.data ? (const char *)out.data : "not trusted");
		gnutls_free(out.data);
		return;
	}
	if (rc < 0) {
		conn_fail(c, "TLS handshake failed: %s", gnutls_strerror(rc));
		return;
	}
	if (c->h2) {
		gnutls_datum_t alpn;

		if (gnutls_alpn_get_selected_protocol(c->session, &alpn) < 0 || alpn.size != 2 ||
		    memcmp(alpn.data, "h2", 2)) {
			conn_fail(c, "the server did not agree to HTTP/2 (ALPN h2)");
			return;
		}
	}
	c->state = C_READY;
	c->st.established++;
	if (gnutls_session_is_resumed(c->session))
		c->st.resumed++;
	snprintf(c->st.proto, sizeof(c->st.proto), "%s %s%s%s",
		 gnutls_protocol_get_name(gnutls_protocol_get_version(c->session)),
		 gnutls_cipher_get_name(gnutls_cipher_get(c->session)),
		 gnutls_session_is_resumed(c->session) ? ", resumed" : "", c->h2 ? ", HTTP/2" : "");
	c->cb.ready(c->cb.ctx, c->index, mono_ns());
	if (c->state == C_READY)
		flush(c);
}

static int is_ip_literal(const char *h)
{
	uint8_t a[16];

	return inet_pton(AF_INET, h, a) == 1 || inet_pton(AF_INET6, h, a) == 1;
}

static int tls_start(struct dns_conn *c)
{
	static const gnutls_datum_t h2 = { (unsigned char *)"h2", 2 };
	static const gnutls_datum_t dot = { (unsigned char *)"dot", 3 };
	int rc;

	rc = gnutls_init(&c->session, GNUTLS_CLIENT | GNUTLS_NONBLOCK);
	if (rc < 0)
		goto bad;
	if ((rc = gnutls_set_default_priority(c->session)) < 0 ||
	    (rc = gnutls_credentials_set(c->session, GNUTLS_CRD_CERTIFICATE, c->tls->cred)) < 0)
		goto bad;
	if (!is_ip_literal(c->verify_name))
		gnutls_server_name_set(c->session, GNUTLS_NAME_DNS, c->verify_name,
				       strlen(c->verify_name));
	/* checks the chain and the name (a DNS name or an IP address SAN) during the handshake */
	gnutls_session_set_verify_cert(c->session, c->verify_name, 0);
	gnutls_alpn_set_protocols(c->session, c->h2 ? &h2 : &dot, 1, 0);
	if (c->have_resume)
		gnutls_session_set_data(c->session, c->resume.data, c->resume.size);
	gnutls_transport_set_int(c->session, c->fd);
	gnutls_handshake_set_timeout(c->session, 0);	/* the engine's query timeouts rule */
	c->state = C_HANDSHAKE;
	handshake(c);
	return 0;
bad:
	conn_fail(c, "cannot set up TLS: %s", gnutls_strerror(rc));
	return -1;
}

static int conn_open(struct dns_conn *c)
{
	int one = 1;

	c->st.opened++;
	c->have_resume = c->have_resume && c->resume.data;
	if (c->srv->transport == DNS_TRANSPORT_HTTPS && h2_open(c)) {
		conn_fail(c, "cannot set up HTTP/2");
		return -1;
	}
	c->fd = socket(c->srv->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		conn_fail(c, "cannot open a TCP socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (const struct sockaddr *)&c->srv->addr, c->srv->addr_len) == 0)
		return tls_start(c);
	if (errno != EINPROGRESS) {
		conn_fail(c, "cannot connect: %s", strerror(errno));
		return -1;
	}
	c->state = C_CONNECTING;
	return 0;
}

/* ---- the engine's side ---- */

struct dns_conn *dns_conn_new(struct dns_tls_ctx *t, const struct dns_server *s, size_t index,
			      const char *verify_name, int get, const struct dns_conn_callbacks *cb)
{
	struct dns_conn *c = xcalloc(1, sizeof(*c));
	int v6 = strchr(s->host, ':') != NULL;

	c->tls = t;
	c->srv = s;
	c->index = index;
	c->get = get;
	c->cb = *cb;
	c->fd = -1;
	snprintf(c->verify_name, sizeof(c->verify_name), "%s", verify_name ? verify_name : s->host);
	if (s->port == 443)
		snprintf(c->authority, sizeof(c->authority), v6 ? "[%s]" : "%s", s->host);
	else
		snprintf(c->authority, sizeof(c->authority), v6 ? "[%s]:%u" : "%s:%u", s->host, s->port);
	buf_init(&c->out, 0);
	if (s->transport == DNS_TRANSPORT_TLS)
		c->in = xmalloc(2 + MAX_RESPONSE + RECORD_CHUNK + 64);
	return c;
}

void dns_conn_free(struct dns_conn *c)
{
	if (!c)
		return;
	c->state = C_CLOSED;	/* no callbacks from here on */
	conn_close(c);
	if (c->have_resume)
		gnutls_free(c->resume.data);
	buf_release(&c->out);
	free(c->in);
	free(c);
}

int dns_conn_send(struct dns_conn *c, const uint8_t *msg, size_t len, uint32_t tag, int *opened)
{
	*opened = 0;
	if (c->state == C_CLOSED) {
		*opened = 1;
		if (conn_open(c))
			return -1;
	}
	if (c->h2) {
		if (h2_submit(c, msg, len, tag)) {
			conn_fail(c, "cannot send an HTTP/2 request");
			return -1;
		}
	} else {
		uint8_t pre[2] = { (uint8_t)(len >> 8), (uint8_t)len };

		buf_add(&c->out, pre, 2);
		buf_add(&c->out, msg, len);
	}
	c->outstanding++;
	if (c->state == C_READY)
		return flush(c);
	return 0;
}

int dns_conn_fd(const struct dns_conn *c)
{
	return c->state == C_CLOSED ? -1 : c->fd;
}

short dns_conn_poll_events(const struct dns_conn *c)
{
	switch (c->state) {
	case C_CONNECTING:
		return POLLOUT;
	case C_HANDSHAKE:
		return gnutls_record_get_direction(c->session) ? POLLOUT : POLLIN;
	case C_READY:
		return (short)(POLLIN | (c->out.len || c->again ||
					 (c->h2 && nghttp2_session_want_write(c->h2)) ? POLLOUT : 0));
	default:
		return 0;
	}
}

void dns_conn_io(struct dns_conn *c, short revents)
{
	if (c->state == C_CONNECTING) {
		int e = 0;
		socklen_t elen = sizeof(e);

		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &elen) < 0 || e) {
			conn_fail(c, "cannot connect: %s", strerror(e ? e : errno));
			return;
		}
		if (!(revents & POLLOUT))
			return;
		tls_start(c);
		return;
	}
	if (c->state == C_HANDSHAKE) {
		handshake(c);
		return;
	}
	if (c->state != C_READY)
		return;
	if (revents & (POLLIN | POLLHUP | POLLERR))
		on_readable(c);
	if (c->state == C_READY && (revents & POLLOUT))
		flush(c);
}

int dns_conn_is_ready(const struct dns_conn *c)
{
	return c->state == C_READY;
}

const struct dns_conn_stats *dns_conn_stats(const struct dns_conn *c)
{
	return &c->st;
}
