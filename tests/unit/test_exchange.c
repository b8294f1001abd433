/* SPDX-License-Identifier: MIT */
/* Exchanges (flow/exchange.h): SMTP, HTTP and DNS pairing and timing on hand-made streams. */
#include <stdlib.h>
#include <string.h>

#include "flow/exch_dns.h"
#include "flow/exchange.h"
#include "net/tcp.h"
#include "unit.h"

#define MAXREC 64

struct got {
	struct exch_record r[MAXREC];
	int n;
};

static void keep(void *ctx, const struct exch_record *e)
{
	struct got *g = ctx;

	if (g->n < MAXREC)
		g->r[g->n++] = *e;
}

/* One fake TCP conversation 10.0.0.1:40000 -> 10.0.0.2:25 fed straight to the tracker. */
struct tcpfake {
	struct exch_tracker *t;
	struct conv c;
	int64_t off[2];		/* next stream offset per direction (1 = first byte) */
};

static void fake_init(struct tcpfake *f, struct exch_tracker *t)
{
	memset(f, 0, sizeof(*f));
	f->t = t;
	f->c.s.proto = 6;
	f->c.s.af = 4;
	f->c.s.addr[0][0] = f->c.s.addr[1][0] = 10;
	f->c.s.addr[0][3] = 1;
	f->c.s.addr[1][3] = 2;
	f->c.s.port[0] = 40000;
	f->c.s.port[1] = 25;
	f->c.synack_seen = 1;
	f->c.synack_us = -1000;		/* the handshake: SYN-ACK 1 ms before its ACK at 0 */
	f->c.s.rtt_client_us = 1000;
	f->off[0] = f->off[1] = 1;
}

/* n bytes from dir at time ms; skip: bytes left out before them (a hole). */
static void fake_send_bytes(struct tcpfake *f, int dir, int64_t ms, const void *bytes, size_t n,
			    size_t skip)
{
	struct conv_pkt r;
	struct net_packet p;

	memset(&r, 0, sizeof(r));
	memset(&p, 0, sizeof(p));
	f->off[dir] += (int64_t)skip;
	r.dir = dir;
	r.tcp_flags = NET_TH_ACK;
	r.rel_seq = f->off[dir];
	r.has_ack = 1;
	r.rel_ack = f->off[dir ^ 1];
	r.len = (uint32_t)n;
	p.payload = bytes;
	p.payload_len = p.payload_caplen = (uint32_t)n;
	exch_packet(f->t, &f->c, &r, &p, ms * 1000);
	f->off[dir] += (int64_t)n;
	f->c.s.last_us = ms * 1000;
}

static void fake_send(struct tcpfake *f, int dir, int64_t ms, const char *text, size_t skip)
{
	fake_send_bytes(f, dir, ms, text, strlen(text), skip);
}

/* One text segment of a scripted conversation. */
struct step {
	int dir;
	int64_t ms;
	const char *text;
};

/* Sends the steps in order, then ends the conversation. */
#define PLAY(f, ...)                                                                  \
	play((f), (const struct step[]){ __VA_ARGS__ },                               \
	     sizeof((const struct step[]){ __VA_ARGS__ }) / sizeof(struct step))

static void play(struct tcpfake *f, const struct step *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fake_send(f, s[i].dir, s[i].ms, s[i].text, 0);
	exch_conv_end(f->t, &f->c);
}

static struct exch_tracker *tracker(struct got *g)
{
	struct exch_opts o;

	memset(g, 0, sizeof(*g));
	memset(&o, 0, sizeof(o));
	o.emit = keep;
	o.ctx = g;
	o.timeout_us = 5000000;
	return exch_new(&o);
}

/* A tracker, what it emitted, and one fake TCP conversation to server_port. */
struct fixture {
	struct got g;
	struct exch_tracker *t;
	struct tcpfake f;
};

static void fixture_open(struct fixture *x, uint16_t server_port)
{
	x->t = tracker(&x->g);
	fake_init(&x->f, x->t);
	x->f.c.s.port[1] = server_port;
}

TEST(exchange_smtp_pipelined_multiline)
{
	struct fixture x;

	fixture_open(&x, 25);
	PLAY(&x.f,
		{ 0, 0, "" },	/* the handshake's last ACK */
		{ 1, 5, "220 mx ESMTP\r\n" },
		{ 0, 10, "EHLO c\r\n" },
		{ 1, 12, "250-mx\r\n250-PIPELINING\r\n" },
		{ 1, 13, "250 8BITMIME\r\n" },
		{ 0, 20, "MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nDATA\r\n" },
		{ 1, 21, "250 ok\r\n250 ok\r\n" },
		{ 1, 1500, "354 go\r\n" },
		{ 0, 1600, "Subject: x\r\n\r\nbody\r\n.\r\n" },
		{ 1, 1650, "250 queued\r\n" },
		{ 0, 1700, "QUIT\r\n" });
	CHECK_INT(x.g.n, 7);
	CHECK_INT(x.g.r[0].kind, EXCH_SMTP_GREETING);
	CHECK_INT(x.g.r[0].resp_us - x.g.r[0].req_us, 5000);
	CHECK_INT(x.g.r[1].kind, EXCH_SMTP_EHLO);
	CHECK_INT(x.g.r[1].resp_us - x.g.r[1].req_us, 2000);	/* first line of the reply */
	CHECK_INT(x.g.r[1].code, 250);
	CHECK_INT(x.g.r[2].kind, EXCH_SMTP_MAIL);
	CHECK_STR(x.g.r[2].detail, "FROM:<a@x>");
	CHECK_INT(x.g.r[3].kind, EXCH_SMTP_RCPT);
	CHECK_INT(x.g.r[3].resp_us, 21000);
	CHECK_INT(x.g.r[4].kind, EXCH_SMTP_DATA);
	CHECK_INT(x.g.r[4].resp_us - x.g.r[4].req_us, 1480000);
	CHECK_INT(x.g.r[4].code, 354);
	CHECK_INT(x.g.r[5].kind, EXCH_SMTP_END_OF_DATA);
	CHECK_INT(x.g.r[5].resp_us - x.g.r[5].req_us, 50000);
	CHECK_INT(x.g.r[6].kind, EXCH_SMTP_QUIT);
	CHECK(x.g.r[6].flags & EXCH_F_UNANSWERED);
	CHECK_INT(x.g.r[6].resp_us, -1);
	CHECK_INT(exch_stats(x.t)->unanswered, 1);
	exch_free(x.t);
}

TEST(exchange_smtp_auth_credentials_not_kept)
{
	struct fixture x;

	fixture_open(&x, 25);
	PLAY(&x.f,
		{ 0, 0, "" },
		{ 1, 1, "220 mx\r\n" },
		{ 0, 2, "AUTH PLAIN c2VjcmV0\r\n" },
		{ 1, 3, "235 ok\r\n" },
		{ 0, 4, "AUTH LOGIN\r\n" },
		{ 1, 5, "334 VXNlcm5hbWU6\r\n" },
		{ 0, 6, "dXNlcg==\r\n" },
		{ 1, 8, "334 UGFzc3dvcmQ6\r\n" });
	CHECK_INT(x.g.n, 4);
	CHECK_STR(x.g.r[1].detail, "PLAIN");
	CHECK_INT(x.g.r[3].kind, EXCH_SMTP_AUTH);
	CHECK_STR(x.g.r[3].detail, "(response)");
	CHECK_INT(x.g.r[3].resp_us - x.g.r[3].req_us, 2000);
	exch_free(x.t);
}

TEST(exchange_smtp_gap_makes_incomplete)
{
	struct fixture x;

	fixture_open(&x, 25);
	fake_send(&x.f, 0, 0, "", 0);
	fake_send(&x.f, 1, 1, "220 mx\r\n", 0);
	fake_send(&x.f, 0, 2, "MAIL FROM:<a@x>\r\n", 0);
	/* the server's reply was not captured: 8 bytes missing, then the next reply */
	fake_send(&x.f, 0, 3, "RCPT TO:<b@x>\r\n", 0);
	fake_send(&x.f, 1, 4, "250 rcpt\r\n", 8);
	fake_send(&x.f, 0, 10, "QUIT\r\n", 0);
	fake_send(&x.f, 1, 11, "221 bye\r\n", 0);
	exch_conv_end(x.t, &x.f.c);
	/*
	 * The gap shows when the client acknowledges past it (with QUIT): how
	 * many replies it held is unknown, so nothing waiting then is paired,
	 * and the replies after it answer nothing known.
	 */
	CHECK_INT(x.g.n, 4);
	CHECK_INT(x.g.r[1].kind, EXCH_SMTP_MAIL);
	CHECK(x.g.r[1].flags & EXCH_F_INCOMPLETE);
	CHECK_INT(x.g.r[1].resp_us, -1);
	CHECK(x.g.r[2].flags & EXCH_F_INCOMPLETE);
	CHECK_INT(x.g.r[3].kind, EXCH_SMTP_QUIT);
	CHECK(x.g.r[3].flags & EXCH_F_INCOMPLETE);
	CHECK_INT(exch_stats(x.t)->incomplete, 3);
	exch_free(x.t);
}

TEST(exchange_http_pipelined_and_continue)
{
	struct fixture x;

	fixture_open(&x, 8080);
	PLAY(&x.f,
		{ 0, 0, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n" },
		{ 1, 30, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" },
		{ 1, 50, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n" },
		{ 0, 100, "POST /up HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n" },
		{ 1, 101, "HTTP/1.1 100 Continue\r\n\r\n" },
		{ 0, 110, "data" },
		{ 1, 400, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n" });
	CHECK_INT(x.g.n, 3);
	CHECK_STR(x.g.r[0].verb, "GET");
	CHECK_STR(x.g.r[0].detail, "/a");
	CHECK_INT(x.g.r[0].resp_us - x.g.r[0].req_us, 30000);
	CHECK_STR(x.g.r[1].detail, "/b");
	CHECK_INT(x.g.r[1].code, 404);
	CHECK_INT(x.g.r[1].resp_us - x.g.r[1].req_us, 50000);
	CHECK_STR(x.g.r[2].verb, "POST");
	CHECK_INT(x.g.r[2].code, 201);
	CHECK(x.g.r[2].flags & EXCH_F_INTERIM);
	/* from the body's last byte to the final status */
	CHECK_INT(x.g.r[2].resp_us - x.g.r[2].req_us, 290000);
	exch_free(x.t);
}

TEST(exchange_other_tcp_ignored)
{
	struct fixture x;

	fixture_open(&x, 25);
	PLAY(&x.f,
		{ 0, 0, "SSH-2.0-OpenSSH_9.6\r\n" },
		{ 1, 1, "SSH-2.0-OpenSSH_9.6\r\n" });
	CHECK_INT(x.g.n, 0);
	exch_free(x.t);
}

/* A DNS message: id, flags, one question for name (dotted) and type. */
static size_t dns_msg(uint8_t *out, uint16_t id, uint16_t flags, const char *name, uint16_t type)
{
	size_t n = 12;
	const char *p = name;

	memset(out, 0, 12);
	out[0] = (uint8_t)(id >> 8);
	out[1] = (uint8_t)id;
	out[2] = (uint8_t)(flags >> 8);
	out[3] = (uint8_t)flags;
	out[5] = 1;
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t k = dot ? (size_t)(dot - p) : strlen(p);

		out[n++] = (uint8_t)k;
		memcpy(out + n, p, k);
		n += k;
		p += k + (dot ? 1 : 0);
	}
	out[n++] = 0;
	out[n++] = (uint8_t)(type >> 8);
	out[n++] = (uint8_t)type;
	out[n++] = 0;
	out[n++] = 1;
	return n;
}

/* The same with the 2-byte length prefix of DNS over TCP. */
static size_t dns_tcp_msg(uint8_t *out, uint16_t id, uint16_t flags, const char *name,
			  uint16_t type)
{
	size_t n = dns_msg(out + 2, id, flags, name, type);

	out[0] = (uint8_t)(n >> 8);
	out[1] = (uint8_t)n;
	return n + 2;
}

static void udp_send(struct exch_tracker *t, struct conv *c, int from_client, int64_t ms,
		     const uint8_t *msg, size_t n)
{
	struct net_packet p;
	struct conv_pkt r;

	memset(&p, 0, sizeof(p));
	memset(&r, 0, sizeof(r));
	p.addr_len = 4;
	p.src[0] = p.dst[0] = 127;
	p.src[3] = from_client ? 1 : 53;
	p.dst[3] = from_client ? 53 : 1;
	p.sport = from_client ? 5000 : 53;
	p.dport = from_client ? 53 : 5000;
	p.payload = msg;
	p.payload_len = p.payload_caplen = (uint32_t)n;
	r.dir = !from_client;
	exch_packet(t, c, &r, &p, ms * 1000);
}

TEST(exchange_dns_udp_match_duplicate_unanswered)
{
	struct got g;
	struct exch_tracker *t = tracker(&g);
	struct conv c;
	uint8_t m[300];
	size_t n;

	memset(&c, 0, sizeof(c));
	c.s.proto = 17;
	n = dns_msg(m, 7, 0x0100, "www.example.com", 1);
	udp_send(t, &c, 1, 0, m, n);
	udp_send(t, &c, 1, 1000, m, n);		/* sent again: a duplicate */
	n = dns_msg(m, 8, 0x0100, "lost.example.com", 28);
	udp_send(t, &c, 1, 1001, m, n);
	/* a response with the right id but another question is not the answer */
	n = dns_msg(m, 7, 0x8180, "other.example.com", 1);
	udp_send(t, &c, 0, 1002, m, n);
	n = dns_msg(m, 7, 0x8183, "WWW.Example.COM", 1);	/* case differs (RFC 4343) */
	udp_send(t, &c, 0, 1020, m, n);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.r[0].verb, "A");
	CHECK_STR(g.r[0].detail, "www.example.com.");
	CHECK_INT(g.r[0].resp_us - g.r[0].req_us, 1020000);	/* from the first copy */
	CHECK_INT(g.r[0].retries, 1);
	CHECK(g.r[0].flags & EXCH_F_DUPLICATE);
	CHECK_INT(g.r[0].code, 3);
	CHECK_INT(exch_stats(t)->dns_unmatched, 1);
	/* past the timeout the lost query is given up (checked at the next packet) */
	n = dns_msg(m, 9, 0x0100, "late.example.com", 1);
	udp_send(t, &c, 1, 7000, m, n);
	CHECK_INT(g.n, 2);
	CHECK_STR(g.r[1].detail, "lost.example.com.");
	CHECK_STR(g.r[1].verb, "AAAA");
	CHECK(g.r[1].flags & EXCH_F_UNANSWERED);
	exch_finish(t, 8000);
	CHECK_INT(g.n, 3);
	CHECK_STR(g.r[2].detail, "late.example.com.");
	CHECK_INT(exch_stats(t)->unanswered, 2);
	CHECK_INT(exch_stats(t)->duplicates, 1);
	exch_free(t);
}

TEST(exchange_dns_tcp_out_of_order)
{
	struct fixture x;
	uint8_t m[600];
	size_t a, b;

	fixture_open(&x, 53);
	/* two length-prefixed queries in one segment, answered in the other order */
	a = dns_tcp_msg(m, 1, 0x0100, "a.example", 1);
	a += dns_tcp_msg(m + a, 2, 0x0100, "b.example", 16);
	fake_send_bytes(&x.f, 0, 0, m, a, 0);
	b = dns_tcp_msg(m, 2, 0x8180, "b.example", 16);
	fake_send_bytes(&x.f, 1, 5, m, b, 0);
	b = dns_tcp_msg(m, 1, 0x8180, "a.example", 1);
	fake_send_bytes(&x.f, 1, 9, m, b, 0);
	exch_conv_end(x.t, &x.f.c);
	CHECK_INT(x.g.n, 2);
	CHECK_STR(x.g.r[0].detail, "b.example.");
	CHECK_STR(x.g.r[0].verb, "TXT");
	CHECK_INT(x.g.r[0].resp_us, 5000);
	CHECK(x.g.r[0].flags & EXCH_F_TCP);
	CHECK_STR(x.g.r[1].detail, "a.example.");
	CHECK_INT(x.g.r[1].resp_us, 9000);
	exch_free(x.t);
}

TEST(exchange_dns_parser_rejects)
{
	struct exdns_msg m;
	uint8_t b[300];
	size_t n = dns_msg(b, 1, 0x0100, "x.example", 1);
	char text[64];

	CHECK_INT(exdns_parse(b, n, &m), 0);
	CHECK(exdns_is_query(b, n, n, &m));
	CHECK(exdns_is_query(b, n, n + 1, &m));		/* cut by the snapshot length */
	b[n] = 0;
	CHECK(!exdns_is_query(b, n + 1, n + 1, &m));	/* a trailing byte: not DNS */
	CHECK_INT(exdns_parse(b, n - 1, &m), -1);	/* question cut */
	b[12] = 0xc0;				/* pointer at itself */
	b[13] = 12;
	CHECK_INT(exdns_parse(b, n, &m), -1);
	n = dns_msg(b, 1, 0x0100, "a\\.b", 1);
	CHECK_INT(exdns_parse(b, n, &m), 0);
	b[13] = 0x01;				/* a control byte in the label */
	CHECK_INT(exdns_parse(b, n, &m), 0);
	CHECK_STR(exdns_name_text(m.name, m.name_len, text, sizeof(text)), "\\001\\\\.b.");
	CHECK_STR(exdns_name_text(m.name, m.name_len, text, 4), "");	/* no escape cut in half */
}

TEST(exchange_smtp_bdat_and_early_ehlo)
{
	struct fixture x;

	fixture_open(&x, 25);
	PLAY(&x.f,
		{ 0, 0, "" },
		/* the client does not wait for the greeting (PIPE_CONNECT) */
		{ 0, 1, "EHLO c\r\n" },
		{ 1, 3, "220 mx\r\n250 CHUNKING\r\n" },
		/* a BDAT chunk holding what looks like commands is skipped by its size */
		{ 0, 10, "BDAT 12 LAST\r\nQUIT\r\nRSET\r\n" },
		{ 1, 30, "250 ok\r\n" },
		{ 0, 40, "QUIT\r\n" },
		{ 1, 41, "221 bye\r\n" });
	CHECK_INT(x.g.n, 4);
	CHECK_INT(x.g.r[0].kind, EXCH_SMTP_GREETING);
	CHECK_INT(x.g.r[0].code, 220);
	CHECK_INT(x.g.r[1].kind, EXCH_SMTP_EHLO);
	CHECK_INT(x.g.r[1].resp_us - x.g.r[1].req_us, 2000);
	CHECK_INT(x.g.r[2].kind, EXCH_SMTP_BDAT);
	CHECK_STR(x.g.r[2].detail, "12 LAST");
	CHECK_INT(x.g.r[2].resp_us - x.g.r[2].req_us, 20000);
	CHECK_INT(x.g.r[3].kind, EXCH_SMTP_QUIT);
	CHECK_INT(x.g.r[3].code, 221);
	exch_free(x.t);
}
