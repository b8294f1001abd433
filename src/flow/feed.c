/* SPDX-License-Identifier: MIT */
/* From a captured frame to the conversation table: see feed.h. */
#include "flow/feed.h"

#include <string.h>

/* The packet as its UDP tunnel header `i` sees it: for the tunnel's own conversation. */
static void carrier_view(struct net_packet *v, const struct net_packet *p, int i)
{
	const struct net_carrier *c = &p->carrier[i];

	*v = *p;
	v->l4 = NET_L4_UDP;
	v->l3 = c->addr_len == 16 ? NET_L3_IPV6 : NET_L3_IPV4;
	memcpy(v->src, c->src, 16);
	memcpy(v->dst, c->dst, 16);
	v->addr_len = c->addr_len;
	v->sport = v->udp.sport = c->sport;
	v->dport = v->udp.dport = c->dport;
	v->ip_proto = 17;
	v->payload = c->payload;
	v->payload_caplen = c->payload_caplen;
	v->payload_len = c->payload_len;
	v->nencap = c->nencap;
	v->ncarrier = 0;
	v->fragment = 0;
}

/* Accounts one decoded TCP/UDP packet; 1 when it belongs to a conversation. */
static int track(struct flow_feed *f, const struct net_packet *np, int64_t ts, uint32_t wirelen)
{
	struct conv_pkt r;
	struct conv *c = conv_table_packet(f->table, np, ts, wirelen, &r);

	if (!c)
		return 0;
	if (f->stream < 0 || (int64_t)c->s.id == f->stream) {
		f->selected++;
		if (f->packet)
			f->packet(f->ctx, c, &r, np, ts);
	}
	return 1;
}

void flow_feed_frame(struct flow_feed *f, const struct capture_pkt *pkt, int64_t ts)
{
	struct net_packet np, view;
	int guard, i, tracked = 0;

	if (net_decode(&np, f->dlt, pkt->data, pkt->caplen, pkt->len) != 0)
		return;
	/* fragments inside a reassembled tunnel packet are reassembled in turn */
	for (guard = 0; np.fragment && guard < 4; guard++) {
		const uint8_t *d;
		uint32_t len;

		if (ipfrag_add(f->frag, &np, ts, &d, &len) != 1)
			break;
		net_decode_datagram(&np, d, len);
	}
	for (i = 0; i < np.ncarrier; i++) {
		carrier_view(&view, &np, i);
		tracked |= track(f, &view, ts, pkt->len);
	}
	if (!np.fragment)
		tracked |= track(f, &np, ts, pkt->len);
	f->tracked += tracked;	/* packets, not conversations: a tunnel's packet is in two */
}
