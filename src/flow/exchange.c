/* SPDX-License-Identifier: MIT */
/* Application exchanges (SMTP, HTTP/1.x, DNS) and their response times: see exchange.h. */
#include "flow/exchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/hashtab.h"
#include "core/xalloc.h"
#include "dns/query.h"
#include "flow/exch_dns.h"
#include "flow/lineproto.h"
#include "flow/reasm.h"
#include "net/tcp.h"

/* ---- requests awaiting their answers, per TCP conversation ---- */

struct pend {
	enum exch_kind kind;
	unsigned flags;
	int64_t req_us;
	int64_t req_first_us;	/* HTTP: the request line's time (req_us moves to its last byte) */
	uint16_t dns_id, qtype, qclass;
	int opcode;
	char verb[EXCH_VERB_MAX];
	char detail[EXCH_DETAIL_MAX];
};

enum xmode { XM_UNKNOWN = 0, XM_LINES, XM_DNS, XM_NONE };

#define DNS_HEAD_MAX (12 + 255 + 4)

/* DNS over TCP: one length-prefixed message at a time (RFC 1035 4.2.2). */
struct dns_frame {
	uint8_t len_bytes[2];
	size_t nlen;		/* length bytes read */
	size_t msg_len, got;	/* message length, bytes of it read */
	uint8_t head[DNS_HEAD_MAX];
	int64_t first_us;	/* time of the segment with the length's first byte */
	int lost;		/* after a gap: waiting for a segment that starts a message */
};

/* What every packet touches first, the lines' and DNS's buffers last: fewer cache lines a packet. */
struct xconv {
	struct exch_tracker *t;
	struct conv *c;
	enum xmode mode;
	int stopped;		/* TLS or lost framing: nothing more is read */
	int64_t ev_us, ev_off;	/* the stream event being fed */
	int64_t line_us[2];	/* time of the segment where the open line began */
	int64_t accept_us;	/* the handshake's last ACK; -1 unknown */
	int greeted;
	int in_reply;		/* SMTP: a multi-line reply has begun */
	int64_t reply_us;
	struct pend *ring;
	unsigned cap, head, n;
	struct reasm ra;
	struct lineproto lp;
	struct dns_frame df[2];
};

/* ---- DNS over UDP: queries in flight ---- */

struct dkey {
	uint8_t af, opcode;
	uint16_t id, qtype, qclass;
	uint16_t port[2];
	uint8_t addr[2][16];
	uint16_t name_len;
	uint8_t name[255];
};

struct dpend {
	struct dkey k;
	int64_t req_us;
	uint64_t conv_id;
	unsigned retries;
};

struct exch_tracker {
	struct exch_opts o;
	struct exch_stats st;
	struct hashtab dns;
	int64_t next_sweep;
	struct dpend *out;		/* queries being given up, sorted before they are emitted */
	size_t nout, out_cap;
	char none;			/* c->exch of a conversation that carries no exchanges */
};

static const char *const kind_names[EXCH_NKIND] = {
	"greeting", "EHLO", "MAIL", "RCPT", "DATA", "end-of-data", "BDAT", "QUIT", "STARTTLS",
	"AUTH", "RSET", "other", "request", "query",
};

const char *exch_proto_name(enum exch_proto p)
{
	return p == EXCH_SMTP ? "SMTP" : p == EXCH_HTTP ? "HTTP" : "DNS";
}

const char *exch_kind_name(enum exch_kind k)
{
	return (unsigned)k < EXCH_NKIND ? kind_names[k] : "other";
}

struct exch_tracker *exch_new(const struct exch_opts *o)
{
	struct exch_tracker *t = xcalloc(1, sizeof(*t));

	t->o = *o;
	if (t->o.timeout_us <= 0)
		t->o.timeout_us = 10000000;
	if (!t->o.max_dns_pending)
		t->o.max_dns_pending = 100000;
	hashtab_init(&t->dns, sizeof(struct dpend));
	return t;
}

void exch_free(struct exch_tracker *t)
{
	if (!t)
		return;
	hashtab_release(&t->dns);
	free(t->out);
	free(t);
}

const struct exch_stats *exch_stats(const struct exch_tracker *t)
{
	return &t->st;
}

static void emit(struct exch_tracker *t, struct exch_record *e)
{
	t->st.exchanges[e->proto]++;
	if (e->flags & EXCH_F_UNANSWERED)
		t->st.unanswered++;
	if (e->flags & EXCH_F_INCOMPLETE)
		t->st.incomplete++;
	if (e->flags & EXCH_F_DROPPED)
		t->st.dropped++;
	t->st.duplicates += e->retries;
	if (t->o.emit)
		t->o.emit(t->o.ctx, e);
}

/* ---- TCP: the pending ring ---- */

static enum exch_proto kind_proto(enum exch_kind k)
{
	return k == EXCH_HTTP_REQUEST ? EXCH_HTTP : k == EXCH_DNS_QUERY ? EXCH_DNS : EXCH_SMTP;
}

static void emit_pend(struct xconv *x, const struct pend *p, int64_t resp_us, int code, unsigned flags)
{
	const struct conv_summary *s = &x->c->s;
	struct exch_record e;

	memset(&e, 0, sizeof(e));
	e.kind = p->kind;
	e.proto = kind_proto(p->kind);
	e.conv_id = s->id;
	e.af = s->af;
	memcpy(e.addr, s->addr, sizeof(e.addr));
	memcpy(e.port, s->port, sizeof(e.port));
	memcpy(e.verb, p->verb, sizeof(e.verb));
	memcpy(e.detail, p->detail, sizeof(e.detail));
	e.dns_id = p->dns_id;
	e.req_us = p->req_us;
	/* an answer that began before the request ended (an early HTTP error) counts from its start */
	if (resp_us >= 0 && resp_us < e.req_us && p->req_first_us)
		e.req_us = p->req_first_us;
	/* an answer that began before its request was sent cannot be its answer: not timed */
	if (resp_us >= 0 && resp_us < e.req_us) {
		resp_us = -1;
		flags |= EXCH_F_INCOMPLETE;
	}
	e.resp_us = resp_us;
	e.code = code;
	e.flags = p->flags | flags;
	if (e.proto == EXCH_DNS)
		e.flags |= EXCH_F_TCP;
	emit(x->t, &e);
}

static struct pend *ring_at(struct xconv *x, unsigned i)
{
	return &x->ring[(x->head + i) % x->cap];
}

static void ring_drop_front(struct xconv *x)
{
	x->head = (x->head + 1) % x->cap;
	x->n--;
}

/* A new request at the back; the oldest is given up when EXCH_CONV_PENDING wait already. */
static struct pend *ring_push(struct xconv *x)
{
	struct pend *p;

	if (x->n == EXCH_CONV_PENDING) {
		emit_pend(x, ring_at(x, 0), -1, -1, EXCH_F_DROPPED);
		ring_drop_front(x);
	}
	if (x->n == x->cap) {
		unsigned ncap = x->cap ? x->cap * 2 : 4, i;
		struct pend *r = xcalloc(ncap, sizeof(*r));

		for (i = 0; i < x->n; i++)
			r[i] = *ring_at(x, i);
		free(x->ring);
		x->ring = r;
		x->cap = ncap;
		x->head = 0;
	}
	p = ring_at(x, x->n++);
	memset(p, 0, sizeof(*p));
	return p;
}

/* Every waiting request ends now, answerless, with `flags`. */
static void ring_flush(struct xconv *x, unsigned flags)
{
	while (x->n) {
		emit_pend(x, ring_at(x, 0), -1, -1, flags);
		ring_drop_front(x);
	}
}

/* ---- SMTP and HTTP, from the line labels of flow/lineproto.h ---- */

static enum exch_kind smtp_kind(const char *verb)
{
	static const struct { const char *v; enum exch_kind k; } map[] = {
		{ "EHLO", EXCH_SMTP_EHLO }, { "HELO", EXCH_SMTP_EHLO }, { "LHLO", EXCH_SMTP_EHLO },
		{ "MAIL", EXCH_SMTP_MAIL }, { "RCPT", EXCH_SMTP_RCPT }, { "DATA", EXCH_SMTP_DATA },
		{ "BDAT", EXCH_SMTP_BDAT }, { "QUIT", EXCH_SMTP_QUIT },
		{ "STARTTLS", EXCH_SMTP_STARTTLS }, { "AUTH", EXCH_SMTP_AUTH },
		{ "RSET", EXCH_SMTP_RSET },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(verb, map[i].v))
			return map[i].k;
	return EXCH_SMTP_OTHER;
}

/* The text after the verb: the argument, or (AUTH) only the mechanism, never credentials. */
static void smtp_detail(const struct lp_label *l, enum exch_kind k, char *out, size_t size)
{
	size_t i = strlen(l->verb), end;

	while (i < l->text_len && l->text[i] == ' ')
		i++;
	end = l->text_len;
	if (k == EXCH_SMTP_AUTH) {
		for (end = i; end < l->text_len && l->text[end] != ' '; end++)
			;
	}
	if (end - i >= size)
		end = i + size - 1;
	memcpy(out, l->text + i, end - i);
	out[end - i] = '\0';
}

/* "GET /a/b HTTP/1.1": the target. */
static void http_target(const struct lp_label *l, char *out, size_t size)
{
	size_t i = strlen(l->verb) + 1, end = i;

	while (end < l->text_len && l->text[end] != ' ')
		end++;
	if (i > end)
		i = end;
	if (end - i >= size)
		end = i + size - 1;
	memcpy(out, l->text + i, end - i);
	out[end - i] = '\0';
}

/* Time of the segment where the labelled line began. */
static int64_t label_us(const struct xconv *x, const struct lp_label *l)
{
	return l->off >= x->ev_off ? x->ev_us : x->line_us[l->dir];
}

static void smtp_request(struct xconv *x, const struct lp_label *l)
{
	struct pend *p;
	enum exch_kind k;

	switch (l->kind) {
	case LP_SMTP_COMMAND:
		k = smtp_kind(l->verb);
		p = ring_push(x);
		p->kind = k;
		snprintf(p->verb, sizeof(p->verb), "%s", l->verb);
		smtp_detail(l, k, p->detail, sizeof(p->detail));
		break;
	case LP_SMTP_AUTH:
		p = ring_push(x);
		p->kind = EXCH_SMTP_AUTH;
		snprintf(p->verb, sizeof(p->verb), "AUTH");
		snprintf(p->detail, sizeof(p->detail), "(response)");
		break;
	case LP_SMTP_END:
		p = ring_push(x);
		p->kind = EXCH_SMTP_END_OF_DATA;
		snprintf(p->verb, sizeof(p->verb), ".");
		break;
	default:
		return;
	}
	p->req_us = x->ev_us;	/* the line ended in this segment */
}

static void smtp_reply(struct xconv *x, const struct lp_label *l)
{
	int last = !(l->text_len > 3 && l->text[3] == '-');
	int code = atoi(l->verb);

	if (!x->in_reply) {
		x->in_reply = 1;
		x->reply_us = label_us(x, l);
	}
	if (!last)
		return;
	x->in_reply = 0;
	/*
	 * The server speaks first: even when the client did not wait (PIPE_CONNECT).
	 * A first reply no greeting can be (RFC 5321 3.1, 4.2.5: 220, 554, 421)
	 * answers the first command: the greeting was not captured.
	 */
	if (!x->greeted) {
		x->greeted = 1;
		if (x->accept_us >= 0 && (code == 220 || code == 554 || code == 421 || !x->n)) {
			struct pend g;

			memset(&g, 0, sizeof(g));
			g.kind = EXCH_SMTP_GREETING;
			g.req_us = x->accept_us;
			emit_pend(x, &g, x->reply_us, code, 0);
			return;
		}
		if (!x->n)
			return;		/* the start was not captured: a reply to an unseen command */
	}
	if (!x->n)
		return;		/* the command was not captured */
	emit_pend(x, ring_at(x, 0), x->reply_us, code, 0);
	ring_drop_front(x);
}

static void http_label(struct xconv *x, const struct lp_label *l)
{
	if (l->kind == LP_HTTP_REQUEST) {
		struct pend *p = ring_push(x);

		p->kind = EXCH_HTTP_REQUEST;
		snprintf(p->verb, sizeof(p->verb), "%s", l->verb);
		http_target(l, p->detail, sizeof(p->detail));
		p->req_us = p->req_first_us = x->ev_us;
		return;
	}
	if (l->kind != LP_HTTP_RESPONSE || !x->n)
		return;
	{
		int code = atoi(l->verb);

		if (code >= 100 && code < 200 && code != 101) {
			ring_at(x, 0)->flags |= EXCH_F_INTERIM;
			return;
		}
		emit_pend(x, ring_at(x, 0), label_us(x, l), code, 0);
		ring_drop_front(x);
	}
}

static void on_label(void *ctx, const struct lp_label *l)
{
	struct xconv *x = ctx;

	if (x->stopped)
		return;
	if (l->kind == LP_TLS) {
		x->stopped = 1;
		return;
	}
	if (l->proto == LP_HTTP)
		http_label(x, l);
	else if (l->dir == 0)
		smtp_request(x, l);
	else if (l->kind == LP_SMTP_REPLY)
		smtp_reply(x, l);
}

static void lines_event(struct xconv *x, const struct reasm_ev *ev)
{
	struct lineproto *lp = &x->lp;

	if (!ev->data) {
		lp_gap(lp, ev->dir, ev->len);
		if (!lp_in_step(lp, ev->dir) || lp->proto != LP_HTTP) {
			/* answers may be in the gap: what waits cannot be paired any more */
			ring_flush(x, EXCH_F_INCOMPLETE);
			x->in_reply = 0;
		}
		return;
	}
	x->ev_us = ev->ts_us;
	x->ev_off = ev->off;
	lp_feed(lp, ev->dir, ev->off, ev->data, ev->len);
	if (lp->d[ev->dir].in_line && lp->d[ev->dir].line_off >= ev->off)
		x->line_us[ev->dir] = ev->ts_us;
	/* an HTTP request ends with the last of its bytes before the answer */
	if (lp->proto == LP_HTTP && ev->dir == 0 && x->n)
		ring_at(x, x->n - 1)->req_us = ev->ts_us;
	/* a first line too long for SMTP or HTTP to be recognised in: neither */
	if (lp->proto == LP_OTHER ||
	    (lp->proto == LP_UNKNOWN && lp->d[ev->dir].in_line && lp->d[ev->dir].line_len >= LP_TEXT_MAX - 1))
		x->mode = XM_NONE;
}

/* ---- DNS over TCP ---- */

/* What a DNS request asks: its query type, or NOTIFY / UPDATE. */
static void dns_verb(int opcode, uint16_t qtype, char *out, size_t size)
{
	const char *op = exdns_opcode_name(opcode);

	/* the meta types ldns has no record descriptor for */
	if (op)
		snprintf(out, size, "%s", op);
	else if (qtype == 255 || qtype == 252 || qtype == 251)
		snprintf(out, size, "%s", qtype == 255 ? "ANY" : qtype == 252 ? "AXFR" : "IXFR");
	else
		dns_type_name(qtype, out, size);
}

static void dns_tcp_message(struct xconv *x, int dir, size_t have)
{
	struct dns_frame *f = &x->df[dir];
	struct exdns_msg m;
	char name[EXCH_DETAIL_MAX];
	unsigned i;

	if (exdns_parse(f->head, have, &m))
		return;
	exdns_name_text(m.name, m.name_len, name, sizeof(name));
	if (dir == 0) {
		struct pend *p;

		if (!exdns_is_query(f->head, have, f->msg_len, &m))
			return;
		p = ring_push(x);
		p->kind = EXCH_DNS_QUERY;
		p->req_us = x->ev_us;
		p->dns_id = m.id;
		p->qtype = m.qtype;
		p->qclass = m.qclass;
		p->opcode = m.opcode;
		dns_verb(m.opcode, m.qtype, p->verb, sizeof(p->verb));
		memcpy(p->detail, name, sizeof(p->detail));
		return;
	}
	if (!exdns_is_response(&m))
		return;
	for (i = 0; i < x->n; i++) {
		struct pend *p = ring_at(x, i);

		if (p->dns_id == m.id && p->qtype == m.qtype && p->qclass == m.qclass && p->opcode == m.opcode &&
		    !strcasecmp(p->detail, name)) {
			emit_pend(x, p, f->first_us, m.rcode, 0);
			/* answers may come out of order (RFC 7766): close the ring over it */
			for (; i + 1 < x->n; i++)
				*ring_at(x, i) = *ring_at(x, i + 1);
			x->n--;
			return;
		}
	}
	x->t->st.dns_unmatched++;
}

static int dns_tcp_starts(const struct reasm_ev *ev);

static void dns_event(struct xconv *x, const struct reasm_ev *ev)
{
	struct dns_frame *f = &x->df[ev->dir];
	const uint8_t *d = ev->data;
	size_t len = ev->len;

	if (!d) {
		/*
		 * The framing is lost in this direction until a segment starts with a
		 * whole message (senders write one per segment, mostly). Answers may
		 * be in a gap from the server: what waits cannot be paired any more.
		 */
		if (ev->dir == 1)
			ring_flush(x, EXCH_F_INCOMPLETE);
		f->lost = 1;
		f->nlen = 0;
		return;
	}
	if (f->lost) {
		if (!dns_tcp_starts(ev))
			return;
		f->lost = 0;
	}
	x->ev_us = ev->ts_us;
	while (len) {
		if (f->nlen < 2) {
			if (!f->nlen)
				f->first_us = ev->ts_us;
			f->len_bytes[f->nlen++] = *d++;
			len--;
			if (f->nlen == 2) {
				f->msg_len = (size_t)f->len_bytes[0] << 8 | f->len_bytes[1];
				f->got = 0;
			}
		} else {
			size_t want = f->msg_len - f->got, take = len < want ? len : want;

			if (f->got < DNS_HEAD_MAX) {
				size_t keep = DNS_HEAD_MAX - f->got < take ? DNS_HEAD_MAX - f->got : take;

				memcpy(f->head + f->got, d, keep);
			}
			f->got += take;
			d += take;
			len -= take;
		}
		if (f->nlen == 2 && f->got == f->msg_len) {
			dns_tcp_message(x, ev->dir, f->got < DNS_HEAD_MAX ? f->got : DNS_HEAD_MAX);
			f->nlen = 0;
		}
	}
}

/* Whether a segment starts with a length-prefixed DNS query (client) or response (server). */
static int dns_tcp_starts(const struct reasm_ev *ev)
{
	struct exdns_msg m;
	size_t mlen, have;

	if (ev->len < 2 + 17)
		return 0;
	mlen = (size_t)ev->data[0] << 8 | ev->data[1];
	have = ev->len - 2 < mlen ? ev->len - 2 : mlen;
	if (mlen < 17 || exdns_parse(ev->data + 2, have, &m))
		return 0;
	return ev->dir == 0 ? exdns_is_query(ev->data + 2, have, mlen, &m) : exdns_is_response(&m);
}

/* Whether the client's first bytes are a length-prefixed DNS query. */
static int looks_dns_tcp(const struct reasm_ev *ev)
{
	return ev->dir == 0 && dns_tcp_starts(ev);
}

static void on_stream(void *ctx, const struct reasm_ev *ev)
{
	struct xconv *x = ctx;

	if (x->mode == XM_UNKNOWN && ev->data)
		x->mode = looks_dns_tcp(ev) ? XM_DNS : XM_LINES;
	if (x->stopped || x->mode == XM_NONE || x->mode == XM_UNKNOWN)
		return;
	if (x->mode == XM_DNS)
		dns_event(x, ev);
	else
		lines_event(x, ev);
}

static void xconv_free(struct xconv *x)
{
	reasm_release(&x->ra);
	free(x->ring);
	free(x);
}

static void tcp_packet(struct exch_tracker *t, struct conv *c, const struct conv_pkt *r,
		       const struct net_packet *p, int64_t ts)
{
	struct xconv *x = c->exch;

	if (x == (void *)&t->none)
		return;
	if (!x) {
		/* state only once there is payload: a scan or an empty connection costs nothing */
		if (!p->payload_len)
			return;
		x = xcalloc(1, sizeof(*x));
		x->t = t;
		x->c = c;
		/* the handshake's last ACK: the client's RTT counts from the SYN-ACK to it */
		x->accept_us = c->synack_seen && c->s.rtt_client_us >= 0 ? c->synack_us + c->s.rtt_client_us : -1;
		reasm_init(&x->ra, 0, on_stream, x);
		lp_init(&x->lp, on_label, x);
		c->exch = x;
	}
	reasm_tcp(&x->ra, r, p, ts, 0);
	if (x->mode == XM_NONE || (x->stopped && !x->n)) {
		xconv_free(x);
		c->exch = &t->none;
	}
}

/* ---- DNS over UDP ---- */

static int dkey_eq(const void *entry, const void *key)
{
	const struct dkey *a = &((const struct dpend *)entry)->k, *b = key;

	return a->af == b->af && a->opcode == b->opcode && a->id == b->id && a->qtype == b->qtype && a->qclass == b->qclass &&
	       !memcmp(a->port, b->port, sizeof(a->port)) && !memcmp(a->addr, b->addr, sizeof(a->addr)) &&
	       exdns_name_equal(a->name, a->name_len, b->name, b->name_len);
}

static uint64_t dkey_hash(const struct exch_tracker *t, const struct dkey *k)
{
	struct dkey lower = *k;
	size_t i;

	for (i = 0; i < k->name_len; i++)
		if (lower.name[i] >= 'A' && lower.name[i] <= 'Z')
			lower.name[i] += 32;
	return hashtab_hash(&t->dns, &lower, offsetof(struct dkey, name) + k->name_len);
}

static int multicast(const uint8_t *a, int af)
{
	if (af == 6)
		return a[0] == 0xff;
	return (a[0] & 0xf0) == 0xe0 || a[3] == 255;	/* multicast, broadcast */
}

static void emit_dpend(struct exch_tracker *t, const struct dpend *d, int64_t resp_us, int code,
		       unsigned flags)
{
	struct exch_record e;

	memset(&e, 0, sizeof(e));
	e.proto = EXCH_DNS;
	e.kind = EXCH_DNS_QUERY;
	e.conv_id = d->conv_id;
	e.af = d->k.af;
	memcpy(e.addr, d->k.addr, sizeof(e.addr));
	memcpy(e.port, d->k.port, sizeof(e.port));
	dns_verb(d->k.opcode, d->k.qtype, e.verb, sizeof(e.verb));
	exdns_name_text(d->k.name, d->k.name_len, e.detail, sizeof(e.detail));
	e.dns_id = d->k.id;
	e.req_us = d->req_us;
	e.resp_us = resp_us;
	e.code = code;
	e.retries = d->retries;
	e.flags = flags | (d->retries ? EXCH_F_DUPLICATE : 0);
	emit(t, &e);
}

struct sweep {
	struct exch_tracker *t;
	int64_t before;		/* queries sent before this go */
};

static int sweep_drop(const void *entry, void *ctx)
{
	struct sweep *s = ctx;
	const struct dpend *d = entry;
	struct exch_tracker *t = s->t;

	if (d->req_us >= s->before)
		return 0;
	XGROW(t->out, t->nout + 1, t->out_cap);
	t->out[t->nout++] = *d;
	return 1;
}

static int by_req(const void *a, const void *b)
{
	const struct dpend *x = a, *y = b;

	return x->req_us < y->req_us ? -1 : x->req_us > y->req_us ? 1 :
	       x->k.id < y->k.id ? -1 : x->k.id > y->k.id;
}

/* Queries sent before `before` end with `flags`, in the order they were sent. */
static void dns_give_up(struct exch_tracker *t, int64_t before, unsigned flags)
{
	struct sweep s = { t, before };
	size_t i;

	t->nout = 0;
	hashtab_sweep(&t->dns, sweep_drop, &s);
	if (t->nout > 1)	/* qsort() of no array (NULL) is undefined */
		qsort(t->out, t->nout, sizeof(*t->out), by_req);
	for (i = 0; i < t->nout; i++)
		emit_dpend(t, &t->out[i], -1, -1, flags);
	t->nout = 0;
}

static void dns_expire(struct exch_tracker *t, int64_t ts)
{
	if (ts < t->next_sweep)
		return;
	t->next_sweep = ts + (t->o.timeout_us / 4 > 1000000 ? t->o.timeout_us / 4 : 1000000);
	if (t->dns.count)
		dns_give_up(t, ts - t->o.timeout_us + 1, EXCH_F_UNANSWERED);
}

/* At the cap: the older half of what waits (by age) goes. */
static void dns_make_room(struct exch_tracker *t, int64_t ts)
{
	int64_t oldest = ts;
	size_t i;

	for (i = 0; i < t->dns.cap; i++) {
		const struct dpend *d = hashtab_at(&t->dns, i);

		if (d && d->req_us < oldest)
			oldest = d->req_us;
	}
	dns_give_up(t, oldest + (ts - oldest) / 2 + 1, EXCH_F_DROPPED);
}

static void udp_packet(struct exch_tracker *t, struct conv *c, const struct net_packet *p, int64_t ts)
{
	struct exdns_msg m;
	struct dkey k;
	struct dpend *d;
	uint64_t h;
	int q;

	if (exdns_parse(p->payload, p->payload_caplen, &m))
		return;
	if (exdns_is_query(p->payload, p->payload_caplen, p->payload_len, &m))
		q = 1;
	else if (exdns_is_response(&m))
		q = 0;
	else
		return;
	memset(&k, 0, offsetof(struct dkey, name));
	k.af = p->addr_len == 16 ? 6 : 4;
	k.opcode = (uint8_t)m.opcode;
	k.id = m.id;
	k.qtype = m.qtype;
	k.qclass = m.qclass;
	/* [0] is who asked */
	memcpy(k.addr[0], q ? p->src : p->dst, (size_t)p->addr_len);
	memcpy(k.addr[1], q ? p->dst : p->src, (size_t)p->addr_len);
	k.port[0] = q ? p->sport : p->dport;
	k.port[1] = q ? p->dport : p->sport;
	k.name_len = (uint16_t)m.name_len;
	memcpy(k.name, m.name, m.name_len);
	h = dkey_hash(t, &k);
	d = hashtab_find(&t->dns, h, &k, dkey_eq);
	if (!q) {
		if (!d) {
			t->st.dns_unmatched++;
			return;
		}
		{
			struct dpend done = *d;

			hashtab_remove(&t->dns, d);
			emit_dpend(t, &done, ts, m.rcode, 0);
		}
		return;
	}
	if (d) {
		d->retries++;
		return;
	}
	if (multicast(k.addr[1], k.af))
		return;		/* mDNS, LLMNR, NetBIOS: anyone may answer, or no one */
	if (t->dns.count >= t->o.max_dns_pending)
		dns_make_room(t, ts);
	d = hashtab_add(&t->dns, h);
	d->k = k;
	d->req_us = ts;
	d->conv_id = c->s.id;
	if (t->dns.count > t->st.dns_peak)
		t->st.dns_peak = t->dns.count;
}

/* ---- entry points ---- */

void exch_packet(struct exch_tracker *t, struct conv *c, const struct conv_pkt *r,
		 const struct net_packet *p, int64_t ts_us)
{
	dns_expire(t, ts_us);
	if (c->s.proto == 6)
		tcp_packet(t, c, r, p, ts_us);
	else if (c->s.proto == 17 && p->payload_caplen >= 12)
		udp_packet(t, c, p, ts_us);
}

void exch_conv_end(struct exch_tracker *t, struct conv *c)
{
	struct xconv *x = c->exch;

	if (!x || x == (void *)&t->none) {
		c->exch = NULL;
		return;
	}
	reasm_flush(&x->ra, c->s.last_us);
	ring_flush(x, EXCH_F_UNANSWERED);
	xconv_free(x);
	c->exch = NULL;
}

void exch_finish(struct exch_tracker *t, int64_t ts_us)
{
	(void)ts_us;
	if (t->dns.count)
		dns_give_up(t, INT64_MAX, EXCH_F_UNANSWERED);
}
