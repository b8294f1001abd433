/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the exchange parsers (flow/exchange.h, flow/exch_dns.h).
 *
 * Part 1 reads the input as one DNS message: header and question parsing,
 * the query test and the name as text must stay inside the bytes given
 * and keep their promises (name within 255 bytes, text terminated).
 *
 * Part 2 reads the input as records [control, length, bytes...] making a
 * TCP conversation (direction, holes, acknowledgements from the control
 * byte) and UDP datagrams of both directions, fed to the tracker with a
 * short DNS timeout and a small cap on queries in flight. Every exchange
 * must be well formed: an answer time only when answered and never before
 * the request, verb and detail terminated, flags consistent.
 */
#include <stdlib.h>
#include <string.h>

#include "flow/exch_dns.h"
#include "flow/exchange.h"
#include "fuzz/fuzz.h"
#include "net/tcp.h"

static void check_record(void *ctx, const struct exch_record *e)
{
	int gone = !!(e->flags & (EXCH_F_UNANSWERED | EXCH_F_INCOMPLETE | EXCH_F_DROPPED));

	(void)ctx;
	if (!memchr(e->verb, 0, sizeof(e->verb)) || !memchr(e->detail, 0, sizeof(e->detail)))
		abort();
	if (gone != (e->resp_us < 0))
		abort();
	if (e->resp_us >= 0 && e->resp_us < e->req_us)
		abort();
	if ((unsigned)e->proto >= EXCH_NPROTO || (unsigned)e->kind >= EXCH_NKIND)
		abort();
	if (!!(e->flags & EXCH_F_DUPLICATE) != (e->retries > 0))
		abort();
}

static void part_dns(const uint8_t *data, size_t size)
{
	struct exdns_msg m;
	char text[1100];

	if (exdns_parse(data, size, &m))
		return;
	if (m.name_len > 255 || m.end > size)
		abort();
	(void)exdns_is_query(data, size, size, &m);
	(void)exdns_is_query(data, size, size + 7, &m);
	(void)exdns_is_response(&m);
	exdns_name_text(m.name, m.name_len, text, sizeof(text));
	if (!memchr(text, 0, sizeof(text)))
		abort();
	exdns_name_text(m.name, m.name_len, text, 5);
	if (strlen(text) >= 5)
		abort();
}

static void part_tracker(const uint8_t *data, size_t size)
{
	struct exch_opts o;
	struct exch_tracker *t;
	struct conv tcp, udp;
	int64_t off[2] = { 1, 1 }, ts = 0;
	size_t i = 0;

	memset(&o, 0, sizeof(o));
	o.emit = check_record;
	o.timeout_us = 3000;
	o.max_dns_pending = 4;
	t = exch_new(&o);
	memset(&tcp, 0, sizeof(tcp));
	memset(&udp, 0, sizeof(udp));
	tcp.s.proto = 6;
	tcp.s.af = 4;
	tcp.synack_seen = 1;
	udp.s.proto = 17;
	udp.s.id = 1;
	while (i + 2 <= size) {
		uint8_t ctl = data[i], len = data[i + 1];
		struct conv_pkt r;
		struct net_packet p;
		int dir = ctl & 1;

		i += 2;
		if (len > size - i)
			len = (uint8_t)(size - i);
		memset(&r, 0, sizeof(r));
		memset(&p, 0, sizeof(p));
		ts += ctl >> 5;
		p.payload = data + i;
		p.payload_len = p.payload_caplen = len;
		if (ctl & 16)
			p.payload_caplen = len / 2;	/* cut by the snapshot length */
		r.dir = dir;
		if (ctl & 2) {
			p.addr_len = 4;
			p.src[3] = (uint8_t)(dir + 1);
			p.dst[3] = (uint8_t)(2 - dir);
			p.sport = dir ? 53 : (uint16_t)(1000 + (ctl & 4));
			p.dport = dir ? (uint16_t)(1000 + (ctl & 4)) : 53;
			exch_packet(t, &udp, &r, &p, ts);
		} else {
			if (ctl & 4)
				off[dir] += ctl & 8 ? 3 : 40;	/* a hole */
			r.tcp_flags = NET_TH_ACK | (ctl & 8 && !(ctl & 4) ? NET_TH_FIN : 0);
			r.rel_seq = off[dir];
			r.has_ack = 1;
			r.rel_ack = off[dir ^ 1];
			r.len = len;
			exch_packet(t, &tcp, &r, &p, ts);
			off[dir] += len;
		}
		i += len;
	}
	tcp.s.last_us = ts;
	exch_conv_end(t, &tcp);
	exch_conv_end(t, &udp);
	exch_finish(t, ts);
	exch_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	part_dns(data, size);
	part_tracker(data, size);
	return 0;
}
