/* SPDX-License-Identifier: MIT */
/* Conversation table (flow/conv.h): hashing, expiry, eviction, TCP analysis. */
#include <stdlib.h>
#include <string.h>

#include "flow/conv.h"
#include "unit.h"

struct ended {
	size_t n;
	uint64_t ids[64];
	enum conv_end_reason why[64];
	struct conv_summary last;
};

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	struct ended *e = ctx;

	if (e->n < 64) {
		e->ids[e->n] = c->s.id;
		e->why[e->n] = why;
	}
	e->n++;
	e->last = c->s;
}

/* A TCP packet a:ap -> b:bp (IPv4, last address byte given). */
static void tcp_pkt(struct net_packet *p, uint32_t a, uint16_t ap, uint32_t b, uint16_t bp,
		    uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
	memset(p, 0, sizeof(*p));
	p->l3 = NET_L3_IPV4;
	p->l4 = NET_L4_TCP;
	p->addr_len = 4;
	p->src[0] = 10;
	p->src[1] = (uint8_t)(a >> 16);
	p->src[2] = (uint8_t)(a >> 8);
	p->src[3] = (uint8_t)a;
	p->dst[0] = 10;
	p->dst[1] = (uint8_t)(b >> 16);
	p->dst[2] = (uint8_t)(b >> 8);
	p->dst[3] = (uint8_t)b;
	p->ip_proto = 6;
	p->sport = p->tcp.sport = ap;
	p->dport = p->tcp.dport = bp;
	p->tcp.flags = flags;
	p->tcp.seq = seq;
	p->tcp.ack = ack;
	p->tcp.win = 1000;
	p->payload_len = len;
}

TEST(flow_table_many_conversations)
{
	struct ended e = { 0 };
	struct conv_table_opts o = { 0 };
	struct conv_table *t;
	struct net_packet p;
	struct conv_pkt r;
	uint32_t i;
	int new_again = 0, wrong_dir = 0;

	o.on_end = on_end;
	o.ctx = &e;
	t = conv_table_new(&o);
	/* 20000 connections: SYN from the client, then a SYN-ACK from the server */
	for (i = 0; i < 20000; i++) {
		tcp_pkt(&p, i, (uint16_t)(1024 + i % 50000), 0x10000 + i % 7, 80, NET_TH_SYN, i, 0, 0);
		conv_table_packet(t, &p, 1000 + i, 60, &r);
		CHECK(r.flags & CONV_F_NEW);
	}
	CHECK_INT(conv_table_open(t), 20000);
	/* every odd one is reset by the server: it ends after the linger time */
	for (i = 0; i < 20000; i++) {
		tcp_pkt(&p, 0x10000 + i % 7, 80, i, (uint16_t)(1024 + i % 50000),
			NET_TH_SYN | NET_TH_ACK | (i & 1 ? 0 : 0), 7, i + 1, 0);
		conv_table_packet(t, &p, 30000 + i, 60, &r);
		new_again += !!(r.flags & CONV_F_NEW);
		wrong_dir += r.dir != 1;
		if (i & 1) {
			tcp_pkt(&p, 0x10000 + i % 7, 80, i, (uint16_t)(1024 + i % 50000),
				NET_TH_RST, 8, 0, 0);
			conv_table_packet(t, &p, 30000 + i, 60, &r);
			wrong_dir += r.dir != 1;
		}
	}
	CHECK_INT(new_again, 0);
	CHECK_INT(wrong_dir, 0);
	CHECK_INT(e.n, 0);
	/* 61 s later the reset ones have lingered long enough; the others are still open */
	for (i = 0; i < 20000; i += 2) {
		tcp_pkt(&p, i, (uint16_t)(1024 + i % 50000), 0x10000 + i % 7, 80, NET_TH_ACK, i + 1, 8, 0);
		conv_table_packet(t, &p, 61000000 + 100000 + i, 60, &r);
		new_again += !!(r.flags & CONV_F_NEW);
	}
	CHECK_INT(new_again, 0);
	CHECK_INT(e.n, 10000);
	CHECK_INT(conv_table_open(t), 10000);
	CHECK_INT(conv_table_peak(t), 20000);
	CHECK_INT(e.last.state, CONV_RESET);
	CHECK_INT(e.last.close_dir, 1);
	CHECK(e.why[0] == CONV_END_CLOSED);
	conv_table_finish(t);
	CHECK_INT(e.n, 20000);
	CHECK_INT(e.last.id, 19998);	/* finish goes in order of first packet */
	CHECK_INT(e.last.state, CONV_OPEN);
	CHECK_INT(e.last.rtt_server_us, 30000 + 19998 - (1000 + 19998));
	CHECK_INT(e.last.rtt_client_us, 61000000 + 100000 + 19998 - (30000 + 19998));
	conv_table_free(t);
}

TEST(flow_table_idle_and_eviction)
{
	struct ended e = { 0 };
	struct conv_table_opts o = { 0 };
	struct conv_table *t;
	struct net_packet p;
	struct conv_pkt r;

	o.on_end = on_end;
	o.ctx = &e;
	o.max_open = 2;
	o.idle_us = 10 * 1000000;
	t = conv_table_new(&o);
	tcp_pkt(&p, 1, 1000, 2, 80, NET_TH_ACK, 100, 200, 10);
	conv_table_packet(t, &p, 0, 60, &r);
	tcp_pkt(&p, 3, 1000, 2, 80, NET_TH_ACK, 100, 200, 10);
	conv_table_packet(t, &p, 1, 60, &r);
	tcp_pkt(&p, 1, 1000, 2, 80, NET_TH_ACK, 110, 200, 10);
	conv_table_packet(t, &p, 2, 60, &r);
	/* a third: the least recently active (id 1) goes */
	tcp_pkt(&p, 4, 1000, 2, 80, NET_TH_ACK, 100, 200, 10);
	conv_table_packet(t, &p, 3, 60, &r);
	CHECK_INT(e.n, 1);
	CHECK_INT(e.ids[0], 1);
	CHECK(e.why[0] == CONV_END_EVICTED);
	CHECK_INT(e.last.state, CONV_MIDSTREAM);
	CHECK_INT(e.last.port[0], 1000);	/* the higher port is the client */
	/* idle: 11 s later both remaining end before the new packet is counted */
	tcp_pkt(&p, 5, 1000, 2, 80, NET_TH_ACK, 100, 200, 10);
	conv_table_packet(t, &p, 11000004, 60, &r);
	CHECK_INT(e.n, 3);
	CHECK(e.why[1] == CONV_END_IDLE && e.why[2] == CONV_END_IDLE);
	conv_table_finish(t);
	CHECK_INT(e.n, 4);
	CHECK(e.why[3] == CONV_END_FINISH);
	conv_table_free(t);
}

TEST(flow_tcp_analysis)
{
	struct ended e = { 0 };
	struct conv_table_opts o = { 0 };
	struct conv_table *t;
	struct net_packet p;
	struct conv_pkt r;
	const uint32_t isn = 0xfffffff0u;	/* wraps after 15 bytes */

	o.on_end = on_end;
	o.ctx = &e;
	t = conv_table_new(&o);
	tcp_pkt(&p, 1, 5000, 2, 25, NET_TH_SYN, isn, 0, 0);
	conv_table_packet(t, &p, 0, 60, &r);
	CHECK_INT(r.rel_seq, 0);
	tcp_pkt(&p, 2, 25, 1, 5000, NET_TH_SYN | NET_TH_ACK, 500, isn + 1, 0);
	conv_table_packet(t, &p, 1000, 60, &r);
	CHECK_INT(r.rel_ack, 1);
	tcp_pkt(&p, 1, 5000, 2, 25, NET_TH_ACK, isn + 1, 501, 0);
	conv_table_packet(t, &p, 1500, 60, &r);
	/* 100 bytes at 1, then 100 at 201 (hole 101..201), then the hole 0.5 ms later */
	tcp_pkt(&p, 1, 5000, 2, 25, NET_TH_ACK, isn + 1, 501, 100);
	conv_table_packet(t, &p, 2000, 160, &r);
	CHECK_INT(r.rel_seq, 1);
	CHECK_INT(r.flags, 0);
	tcp_pkt(&p, 1, 5000, 2, 25, NET_TH_ACK, isn + 201, 501, 100);
	conv_table_packet(t, &p, 2100, 160, &r);
	CHECK_INT(r.rel_seq, 201);
	CHECK_INT(r.flags, CONV_F_HOLE);
	tcp_pkt(&p, 1, 5000, 2, 25, NET_TH_ACK, isn + 101, 501, 100);
	conv_table_packet(t, &p, 2600, 160, &r);
	CHECK_INT(r.flags, CONV_F_OOO);
	/* the same again: a retransmission */
	conv_table_packet(t, &p, 9000, 160, &r);
	CHECK_INT(r.flags, CONV_F_RETRANS);
	/* keep-alive: empty, one below the next byte */
	tcp_pkt(&p, 1, 5000, 2, 25, NET_TH_ACK, isn + 300, 501, 0);
	conv_table_packet(t, &p, 10000, 60, &r);
	CHECK_INT(r.flags, CONV_F_KEEPALIVE);
	/* zero window from the server */
	tcp_pkt(&p, 2, 25, 1, 5000, NET_TH_ACK, 501, isn + 301, 0);
	p.tcp.win = 0;
	conv_table_packet(t, &p, 11000, 60, &r);
	CHECK_INT(r.flags, CONV_F_ZERO_WIN);
	CHECK_INT(r.rel_ack, 301);
	/* a hole at 301..401 never filled, then FINs */
	tcp_pkt(&p, 1, 5000, 2, 25, NET_TH_ACK | NET_TH_FIN, isn + 401, 501, 50);
	conv_table_packet(t, &p, 12000, 110, &r);
	CHECK_INT(r.flags, CONV_F_HOLE);
	tcp_pkt(&p, 2, 25, 1, 5000, NET_TH_ACK | NET_TH_FIN, 501, isn + 452, 0);
	conv_table_packet(t, &p, 13000, 60, &r);
	conv_table_finish(t);
	CHECK_INT(e.n, 1);
	CHECK_INT(e.last.state, CONV_COMPLETE);
	CHECK_INT(e.last.close_dir, 0);
	CHECK_INT(e.last.rtt_server_us, 1000);
	CHECK_INT(e.last.rtt_client_us, 500);
	CHECK_INT(e.last.dir[0].retrans, 1);
	CHECK_INT(e.last.dir[0].ooo, 1);
	CHECK_INT(e.last.dir[0].holes, 2);
	CHECK_INT(e.last.dir[0].lost, 1);
	CHECK_INT(e.last.dir[0].lost_bytes, 100);
	CHECK_INT(e.last.dir[0].keepalive, 1);
	CHECK_INT(e.last.dir[1].zero_win, 1);
	CHECK_INT(e.last.dir[0].packets, 8);
	CHECK_INT(e.last.dir[0].payload, 450);
	conv_table_free(t);
}

/* ---- reassembly (flow/reasm.h) ---- */

#include "flow/lineproto.h"
#include "flow/reasm.h"

struct stream {
	char data[2][512];
	size_t len[2];
	int64_t next[2];
	int gaps[2], snap[2];
	int contiguous;
};

static void collect(void *ctx, const struct reasm_ev *ev)
{
	struct stream *s = ctx;
	size_t i;

	if (ev->off != s->next[ev->dir] || !ev->len)
		s->contiguous = 0;
	s->next[ev->dir] = ev->off + (int64_t)ev->len;
	for (i = 0; i < ev->len && s->len[ev->dir] + 1 < sizeof(s->data[0]); i++)
		s->data[ev->dir][s->len[ev->dir]++] = ev->data ? (char)ev->data[i] :
			ev->gap == REASM_GAP_SNAPLEN ? '~' : '#';
	s->gaps[ev->dir] += ev->gap == REASM_GAP_LOST;
	s->snap[ev->dir] += ev->gap == REASM_GAP_SNAPLEN;
}

static void seg(struct reasm *r, int dir, int64_t off, const char *text)
{
	reasm_segment(r, dir, off, (const uint8_t *)text, (uint32_t)strlen(text),
		      (uint32_t)strlen(text), 0, 0, 1);
}

TEST(flow_reasm_order_and_copies)
{
	struct stream s;
	struct reasm r;

	memset(&s, 0, sizeof(s));
	s.next[0] = s.next[1] = 1;
	s.contiguous = 1;
	reasm_init(&r, 0, collect, &s);
	seg(&r, 0, 1, "hello ");
	seg(&r, 0, 13, "there");		/* above a hole: held */
	CHECK_STR(s.data[0], "hello ");
	seg(&r, 0, 1, "HELLO ");		/* a retransmission of delivered bytes: ignored */
	seg(&r, 0, 10, "XYZwxyz");		/* fills 10..12; 13..16 are held already: those win */
	seg(&r, 0, 7, "big");			/* fills the hole: everything flows */
	CHECK_STR(s.data[0], "hello bigXYZthere");
	CHECK_INT(r.d[0].conflicts, 1);		/* "wxyz" differed from the held "ther" */
	/* an in-order segment overlapping held bytes keeps the held ones */
	seg(&r, 0, 25, "ZZ");
	seg(&r, 0, 18, "1234567890");
	CHECK_STR(s.data[0], "hello bigXYZthere1234567ZZ0");
	CHECK(s.contiguous);
	reasm_release(&r);
}

TEST(flow_reasm_gaps)
{
	struct stream s;
	struct reasm r;

	memset(&s, 0, sizeof(s));
	s.next[0] = s.next[1] = 1;
	s.contiguous = 1;
	reasm_init(&r, 16, collect, &s);
	seg(&r, 1, 1, "abc");
	seg(&r, 1, 8, "hij");			/* hole 4..7 */
	reasm_ack(&r, 1, 6, 0);			/* the peer got 4..5 we never saw */
	CHECK_STR(s.data[1], "abc##");
	seg(&r, 1, 6, "fg");
	CHECK_STR(s.data[1], "abc##fghij");
	/* bytes cut by the snapshot length: delivered as their own kind of gap */
	reasm_segment(&r, 1, 11, (const uint8_t *)"klmnop", 2, 6, 0, 0, 2);
	CHECK_STR(s.data[1], "abc##fghijkl~~~~");
	CHECK_INT(s.snap[1], 1);
	/* more held data than max_pending (16): the lowest hole is given up */
	seg(&r, 1, 30, "0123456789");
	seg(&r, 1, 50, "ABCDEFGHIJ");
	CHECK_STR(s.data[1], "abc##fghijkl~~~~#############0123456789");
	reasm_flush(&r, 0);
	CHECK_STR(s.data[1], "abc##fghijkl~~~~#############0123456789##########ABCDEFGHIJ");
	CHECK_INT(s.gaps[1], 3);
	CHECK(s.contiguous);
	/* the FIN takes a sequence number: acknowledging it is no gap */
	reasm_segment(&r, 0, 1, (const uint8_t *)"bye", 3, 3, 1, 0, 3);
	reasm_ack(&r, 0, 5, 0);
	CHECK_STR(s.data[0], "bye");
	CHECK_INT(s.gaps[0], 0);
	reasm_release(&r);
}

/* ---- line labels (flow/lineproto.h) ---- */

struct labels {
	char text[1024];
};

static void add_label(void *ctx, const struct lp_label *l)
{
	struct labels *x = ctx;
	char s[64];

	lp_label_short(l, s, sizeof(s));
	snprintf(x->text + strlen(x->text), sizeof(x->text) - strlen(x->text), "%s%d:%lld %s",
		 x->text[0] ? ", " : "", l->dir, (long long)l->off, s);
}

static void feed(struct lineproto *lp, int dir, int64_t *off, const char *text)
{
	lp_feed(lp, dir, off[dir], (const uint8_t *)text, strlen(text));
	lp_segment_end(lp, dir);
	off[dir] += (int64_t)strlen(text);
}

TEST(flow_lineproto_http_bodies)
{
	struct labels x;
	struct lineproto lp;
	int64_t off[2] = { 1, 1 };

	memset(&x, 0, sizeof(x));
	lp_init(&lp, add_label, &x);
	/* a POST whose body looks like a request line, then a HEAD */
	feed(&lp, 0, off, "POST /a HTTP/1.1\r\nContent-Length: 16\r\n\r\nGET /x HTTP/1.1\n");
	feed(&lp, 0, off, "HEAD /b HTTP/1.1\r\n\r\n");
	/* chunked response whose chunk holds a status line, then the HEAD response (no body) */
	feed(&lp, 1, off, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\ne");
	feed(&lp, 1, off, "\r\nHTTP/1.1 500\r\n\r\n0\r\n\r\n");
	feed(&lp, 1, off, "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 204 No\r\n\r\n");
	CHECK_STR(x.text, "0:1 HTTP POST, 0:57 HTTP HEAD, 1:1 HTTP 200, 1:72 HTTP 200, 1:111 HTTP 204");
}

TEST(flow_lineproto_smtp)
{
	struct labels x;
	struct lineproto lp;
	int64_t off[2] = { 1, 1 };

	memset(&x, 0, sizeof(x));
	lp_init(&lp, add_label, &x);
	feed(&lp, 1, off, "220 mx ESMTP\r\n");
	feed(&lp, 0, off, "EHLO a\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n");	/* pipelined */
	feed(&lp, 1, off, "250 mx\r\n250 ok\r\n250 ok\r\n354 go\r\n");
	feed(&lp, 0, off, "QUIT\r\nnot a command\r\n.\r\n");		/* content that looks like commands */
	feed(&lp, 1, off, "250 queued\r\n");
	feed(&lp, 0, off, "STARTTLS\r\n");
	feed(&lp, 1, off, "220 go ahead\r\n");
	feed(&lp, 0, off, "\x16\x03\x01 hello");
	CHECK_STR(x.text, "1:1 SMTP 220, 0:1 SMTP EHLO, 0:9 SMTP MAIL, 0:26 SMTP RCPT, 0:41 SMTP DATA, "
		  "1:15 SMTP 250, 1:23 SMTP 250, 1:31 SMTP 250, 1:39 SMTP 354, 0:47 SMTP message, "
		  "0:68 SMTP end of message, 1:47 SMTP 250, 0:71 SMTP STARTTLS, 1:59 SMTP 220, 0:81 TLS");
}

TEST(flow_packet_direction)
{
	struct conv_table_opts o = { 0 };
	struct conv_table *t = conv_table_new(&o);
	struct net_packet p;
	struct conv_pkt r;
	struct conv *c;

	/* the client has the higher address here: the key puts the server first */
	tcp_pkt(&p, 9, 5000, 2, 25, NET_TH_SYN, 100, 0, 0);
	c = conv_table_packet(t, &p, 0, 60, &r);
	CHECK_INT(r.dir, 0);
	tcp_pkt(&p, 2, 25, 9, 5000, NET_TH_SYN | NET_TH_ACK, 500, 101, 0);
	CHECK(conv_table_packet(t, &p, 1, 60, &r) == c);
	CHECK_INT(r.dir, 1);
	tcp_pkt(&p, 9, 5000, 2, 25, NET_TH_ACK, 101, 501, 0);
	conv_table_packet(t, &p, 2, 60, &r);
	CHECK_INT(r.dir, 0);
	/* first seen from the server (its SYN-ACK), the client's address lower */
	tcp_pkt(&p, 7, 80, 3, 6000, NET_TH_SYN | NET_TH_ACK, 500, 101, 0);
	c = conv_table_packet(t, &p, 3, 60, &r);
	CHECK_INT(r.dir, 1);
	CHECK_INT(c->s.port[0], 6000);
	tcp_pkt(&p, 3, 6000, 7, 80, NET_TH_ACK, 101, 501, 0);
	conv_table_packet(t, &p, 4, 60, &r);
	CHECK_INT(r.dir, 0);
	/* both ends the same (a packet to itself): every packet is the client's */
	tcp_pkt(&p, 4, 7000, 4, 7000, NET_TH_SYN | NET_TH_ACK, 500, 101, 0);
	c = conv_table_packet(t, &p, 5, 60, &r);
	CHECK_INT(r.dir, 0);
	tcp_pkt(&p, 4, 7000, 4, 7000, NET_TH_ACK, 101, 501, 0);
	CHECK(conv_table_packet(t, &p, 6, 60, &r) == c);
	CHECK_INT(r.dir, 0);
	conv_table_finish(t);
	conv_table_free(t);
}
