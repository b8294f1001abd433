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
